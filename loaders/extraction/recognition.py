"""Entity recognition and resolution: which spans name which entity.

Order of passes (each only claims tokens no earlier pass took, longest spans first):

1. gazetteer names and token patterns (regulators, companies by suffix, people by
   title, chips by model-number shape, datelines), resolved through the gazetteer;
   metonyms (Beijing, China, Washington, US) read as state or place by context;
2. abbreviations introduced in parentheses and short forms of names already seen
   ("Huang" after "Jensen Huang", "960" after "Ascend 960");
3. context: lists after "firms such as", descriptors ("chipmaker X", "start-up X"),
   speakers ("X said"), "Name Name, general manager at", places after travel verbs.
"""

from __future__ import annotations

import re

from chipkg.loaders.extraction.context import ArticleContext, Ref
from chipkg.loaders.extraction.resources import GazetteerEntry, Resources, recognition_words
from chipkg.ontology.models import EntityType

_WORDS = recognition_words()
_MODEL = re.compile(r"^(?:[A-Z]{1,4}[0-9]{2,5}[A-Z]{0,3}|[0-9]{2,4}[A-Z]{1,3})s?$")
_YEAR = re.compile(r"^(19|20)[0-9]{2}$")
_CAP = re.compile(r"^[A-Z][A-Za-z0-9&\-\.]*$")
_ABBR = re.compile(r"^[A-Z][A-Z&]{1,6}$")
_LEADING = _WORDS["leading"]
_PASSIVE_STATE = _WORDS["passive_state"]
_PLURAL_DESCRIPTORS = _WORDS["plural_descriptors"]
_ROLE_NOUNS = _WORDS["role_nouns"]
_PERSON_VERBS = _WORDS["person_verbs"]
_LEADS_VERBS = _WORDS["leads_verbs"]
_OFFICIALS = _WORDS["officials"]
_SPEECH = _WORDS["speech"]
_PLURAL_NOUNS = _WORDS["plural_nouns"]


def _is_country_ref(ctx: ArticleContext, i: int) -> bool:
    """Return True when token ``i`` ends a mention of a country (or its government)."""
    ref = ctx.ref_of(i)
    if ref is None or ref.end != i + 1:
        return False
    kind = ctx.entities[ref.key].type
    return kind is EntityType.Country or (
        kind is EntityType.Regulator and ref.rule == "mention.metonymy"
    )


_NOT_ORG_HEADS = _WORDS["not_org_heads"]


_GRANT_VERBS = _WORDS["grant_verbs"]
_WIN_VERBS = _WORDS["win_verbs"]
_APPROVAL_NOUNS = _WORDS["approval_nouns"]
_TRADE_NOUNS = _WORDS["trade_nouns"]


#: World regions: places the gazetteer does not list as entities.
_REGIONS = _WORDS["regions"]


def _is_placeish(res: Resources, words: list[str]) -> bool:
    """Return True when a capitalised run looks like a place (the gazetteer knows it as one)."""
    name = " ".join(words)
    if name in _REGIONS:
        return True  # "exports to Gulf", "to Southeast Asia": regions, no firms
    entry = res.lookup(name)
    return entry is not None and entry.type in (
        EntityType.Place,
        EntityType.City,
        EntityType.Country,
    )


def _title_starts(low: list[str], orth: list[str], i: int) -> bool:
    """Return True when a leader's title starts at token ``i`` ("chief executive", "CEO")."""
    w = low[i]
    if w == "ceo":
        return True
    if w == "chief":
        return i + 1 < len(low) and low[i + 1] == "executive"
    return w in ("chairman", "chairwoman", "founder", "boss") and orth[i] == w


def _glued(ctx: ArticleContext, i: int) -> bool:
    """Return True when token ``i`` is written with no space before token ``i + 1``."""
    return ctx.space_after[i] == ""


def _syllable(word: str) -> bool:
    """Return True for the lower-case second half of a hyphenated given name ("jung", "yong")."""
    return (
        2 <= len(word) <= 5
        and word.isalpha()
        and word.islower()
        and not word.endswith(("ed", "ing", "ly"))
        and word not in _SYLLABLE_BLOCK
    )


def _hyphen_end(ctx: ArticleContext, end: int) -> int:
    """Return ``end`` moved past a glued "-jung" that finishes a given name ("Noh-jung")."""
    orth = ctx.orth
    if (
        end + 1 < len(orth)
        and orth[end] == "-"
        and _glued(ctx, end - 1)
        and _glued(ctx, end)
        and _syllable(orth[end + 1])
        and ctx.free(end, end + 2)
    ):
        return end + 2
    return end


def _name_start(ctx: ArticleContext, end: int, limit: int = 3) -> int:
    """Return where a person's name ending before ``end`` starts (capitalised words, "Jae-yong").

    Walks back over unclaimed capitalised words and glued "-syllable" endings, at most
    ``limit`` words; returns ``end`` when the word before ``end`` is not part of a name.
    """
    orth = ctx.orth
    start, words = end, 0
    while start > 0 and words < limit:
        k = start - 1
        if (
            k >= 2
            and _syllable(orth[k])
            and orth[k - 1] == "-"
            and _glued(ctx, k - 2)
            and _glued(ctx, k - 1)
            and _CAP.match(orth[k - 2])
        ):
            k -= 2  # "Jae-yong"
        elif not _CAP.match(orth[k]):
            break
        if not ctx.free(k, start):
            break
        start, words = k, words + 1
    return start


_FIRM_VERBS = _WORDS["firm_verbs"]
#: Words after which an unknown code beside a known chip is a chip ("the B30A").
_CODE_DETERMINERS = frozenset(_WORDS["code_determiners"])
#: First words of "Word 7" names that are no chip even where chips are spoken of.
_FAMILY_BLOCK = _WORDS["family_block"]
_NOT_NAMES = _WORDS["not_names"]


def recognise(ctx: ArticleContext, res: Resources) -> None:
    """Fill ``ctx`` with the article's entities and references."""
    doc = ctx.doc
    candidates: list[tuple[int, int, int, str, str]] = []  # (start, end, priority, rule, id)
    for match_id, start, end in res.phrase(doc):
        candidates.append((start, end, 2, "mention.gazetteer", res.nlp.vocab.strings[match_id]))
    for match_id, start, end in res.phrase_lower(doc):
        candidates.append((start, end, 2, "mention.gazetteer", res.nlp.vocab.strings[match_id]))
    for match_id, start, end in res.matcher(doc, ctx.orth_ids):
        key = res.nlp.vocab.strings[match_id]
        spec = res.patterns[key]
        s, e = start + spec.trim_start, end - spec.trim_end
        while s < e and ctx.lower[s] in spec.trim_words:
            s += 1
        if s < e:
            candidates.append((s, e, 1, spec.rule, key))
    candidates.extend(_place_named_firms(ctx, res, candidates))
    candidates.extend(_outlet_names(ctx, res))
    candidates.extend(_context_chips(ctx, res))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), -c[2], c[0]))
    chip_ok = _chip_context(ctx, res, candidates)
    headline = _headlines(ctx)
    ctx_chips: set[str] = set()
    ctx_firms = _model_named_firms(ctx, res, candidates)
    families: set[str] = set()  # first words of "Name 3" chips read from their context
    for start, end, _prio, rule, _ident in candidates:
        if rule == "chip.family-short":
            head = res.lookup(ctx.orth[start])
            index = ctx.sent_of[start]
            if (
                (head is not None and head.type is EntityType.Chip)
                or _chip_noun_after(ctx, res, end)
                or (
                    start > 0
                    and ctx.lower[start - 1] == "the"
                    and index >= 0
                    and chip_ok[index] is not False
                    and ctx.lower[start] not in _FAMILY_BLOCK
                    and head is None
                )
            ):
                # "Gaudi 3", "Trainium 2 chips", "the Orion 7 beats the A100",
                # "Aurore A3 artificial-intelligence processors"
                ctx_chips.add(ctx.span_text(start, end))
                if head is None and ctx.lower[start] not in _FAMILY_BLOCK:
                    families.add(ctx.orth[start])
        elif rule == "chip.name-noun":
            if _names_a_chip(ctx, res, start):
                ctx_chips.add(ctx.span_text(start, end))  # "the Helix processor"
        elif rule == "chip.context" or (
            rule.startswith("chip.") and _chip_gate(ctx, res, start, end, chip_ok)
        ):
            ctx_chips.add(ctx.span_text(start, end))
    ctx_chips |= _same_series(ctx, res, candidates, ctx_chips, ctx_firms)
    if families:  # "... the Aurore A3 beats its predecessor, the Aurore A2"
        for start, end, _prio, rule, _ident in candidates:
            index = ctx.sent_of[start]
            if (
                rule == "chip.family-short"
                and ctx.orth[start] in families
                and index >= 0
                and chip_ok[index] is not False  # in a sentence that speaks of chips
            ):
                ctx_chips.add(ctx.span_text(start, end))
    for start, end, _prio, rule, ident in candidates:
        if not ctx.free(start, end):
            continue
        s = ctx.sent_of[start]
        if rule != "mention.gazetteer" and s >= 0 and headline[s] and not rule.startswith("chip"):
            continue
        if rule == "mention.gazetteer":
            _add_gazetteer(ctx, res, start, end, ident)
        elif rule == "mention.company-place-name":
            _new(ctx, res, start, end, EntityType.Company, rule)
        elif rule == "mention.outlet-head":
            _new(ctx, res, start, end, EntityType.NewsOutlet, rule)
        elif rule == "mention.customs":
            _new(ctx, res, start, end, EntityType.Regulator, rule)
        elif rule in ("chip.context", "chip.code"):
            surface = ctx.span_text(start, end)
            if (
                surface in ctx_chips
                and surface not in ctx_firms
                and not _blocked_code(res, surface)
            ):
                _new(ctx, res, start, end, EntityType.Chip, f"mention.{rule}")
        else:
            _add_pattern(ctx, res, start, end, rule, ident, ctx_chips, ctx_firms)
    _country_ministries(ctx, res)
    _abbreviations(ctx, res)
    _short_forms(ctx, res)
    _context_names(ctx, res, headline)
    _firm_contexts(ctx, res, headline)
    _led_by(ctx, res, headline)
    _list_partners(ctx, res, headline)
    _short_forms(ctx, res)  # names found by context have short forms too
    _merge_short_firms(ctx, res)
    _speaking_persons(ctx, res)
    _repeat_mentions(ctx)
    ctx.index_refs()


# -- pass 1 -------------------------------------------------------------------


_PLACE_TYPES = (EntityType.Country, EntityType.City, EntityType.Place)


def _place_named_firms(
    ctx: ArticleContext, res: Resources, candidates: list[tuple[int, int, int, str, str]]
) -> list[tuple[int, int, int, str, str]]:
    """Return candidate firms named by a place and one word ("China Unicom", "Tokyo Electron").

    The word after the place name is capitalised, unknown to the gazetteer, not a title,
    a government body, a geographic or an outlet word (``place_compound_block``), nor a
    month, weekday or demonym, and no further capitalised word follows it.
    """
    orth, low = ctx.orth, ctx.lower
    n = len(orth)
    words = res.words
    out: list[tuple[int, int, int, str, str]] = []
    for start, end, _prio, rule, ident in candidates:
        if rule != "mention.gazetteer" or end + 1 > n:
            continue
        entry = res.lookup(ident)
        if ident not in res.metonyms and (entry is None or entry.type not in _PLACE_TYPES):
            continue
        word, nxt = orth[end], (orth[end + 1] if end + 1 < n else "")
        if word == "Customs" and entry is not None and entry.type is EntityType.Country:
            out.append((start, end + 1, 0, "mention.customs", ident))  # "Singapore Customs"
            continue
        if (
            not word.isalpha()
            or not word[:1].isupper()
            or len(word) < 3
            or word in _NOT_NAMES
            or low[end] in words["place_compound_block"]
            or low[end] in words["person_titles"]
            or low[end] in words["regulator_heads"]
            or low[end] in words["months"]
            or low[end] in words["weekdays"]
            or word in res.demonyms
            or res.lookup(word) is not None
            or (nxt[:1].isupper() and nxt.isalpha())
            or (
                start > 0
                and orth[start - 1][:1].isupper()
                and orth[start - 1].isalpha()
                and ctx.sent_of[start - 1] == ctx.sent_of[start]
                and ctx.sentences[ctx.sent_of[start]].start != start - 1
            )
        ):
            continue
        out.append((start, end + 1, 0, "mention.company-place-name", ident))
    return out


def _register(ctx: ArticleContext, entry: GazetteerEntry) -> str:
    return ctx.entity(entry.label, entry.type, entry.wikidata)


def _add_gazetteer(ctx: ArticleContext, res: Resources, start: int, end: int, name: str) -> None:
    metonym = res.metonyms.get(name)
    if (
        start > 0
        and ctx.orth[start - 1] in _COMPASS
        and ctx.space_after[start - 1] == " "
        and (metonym is not None or (res.lookup(name) or _NO_ENTRY).type is EntityType.Country)
    ):
        return  # "North America" is not the United States
    entry = res.lookup(name)
    if (
        entry is not None
        and entry.label == _US_COMMERCE
        and end < len(ctx.lower)
        and ctx.lower[end] == "minister"
        and _chinese_sentence(ctx, start)
        and _MOFCOM in res.entries
    ):
        ctx.add_ref(start, end, _register(ctx, res.entries[_MOFCOM]), "mention.gazetteer")
        return  # "Commerce Minister Wang Wentao" in a Chinese story
    if metonym is not None:
        label = (
            metonym.state
            if _reads_as_state(ctx, res, start, end, metonym.default_state)
            else metonym.place
        )
        entry = res.entries.get(label)
        key = _register(ctx, entry) if entry else ctx.entity(label, EntityType.Regulator)
        ctx.add_ref(
            start, end, key, "mention.metonymy" if label == metonym.state else "mention.gazetteer"
        )
        return
    if entry is not None:
        ctx.add_ref(start, end, _register(ctx, entry), "mention.gazetteer")


_US_COMMERCE = "US Commerce Department"
_MOFCOM = "MOFCOM"
_CHINA_CONTEXT = _WORDS["china_context"]
_CHINA_LABELS = frozenset({"China", "Chinese government"})


def _chinese_sentence(ctx: ArticleContext, i: int) -> bool:
    """Return True when the sentence of token ``i`` speaks of China ("China", "Chinese")."""
    s = ctx.sent_of[i]
    if s < 0:
        return False
    sent = ctx.sentences[s]
    return any(ctx.lower[m] in _CHINA_CONTEXT for m in range(sent.start, sent.end))


def _named_ministry(ctx: ArticleContext, kind: str, country: str) -> str | None:
    """Return the only regulator the article names "Ministry ... <Kind> ..." (else None)."""
    found = {
        key
        for key, rec in ctx.entities.items()
        if rec.type is EntityType.Regulator
        and any(
            "ministry" in name.lower() and kind in re.findall(r"[a-z]+", name.lower())
            for name in (rec.label, *rec.aliases)
        )
    }
    if len(found) != 1:
        return None
    key = found.pop()
    for ref in ctx.refs:
        # "Singapore's Ministry of Trade and Industry" is not "Malaysia's trade ministry"
        owner = ctx.ref_of(ref.start - 2) if ref.key == key and ref.start >= 2 else None
        if (
            owner is not None
            and ctx.lower[ref.start - 1] in ("'s", "’s")
            and _is_country_ref(ctx, owner.end - 1)
            and ctx.span_text(owner.start, owner.end) != country
        ):
            return None
    return key


def _country_ministries(ctx: ArticleContext, res: Resources) -> None:
    """Resolve "<Country>'s commerce/trade ministry" to that country's regulator.

    "China's commerce ministry" and "the country's commerce ministry" (the country
    named last before it) are MOFCOM; "Japan's trade ministry" is a regulator named
    so. A ministry introducing an acronym ("(MOTIE)") is left to
    the acronym.
    """
    low = ctx.lower
    n = len(low)
    kinds = _WORDS["ministry_kinds"]
    for i in range(1, n - 1):
        if low[i] not in kinds or low[i + 1] != "ministry":
            continue
        if (i + 2 < n and low[i + 2] == "(") or not ctx.free(i, i + 2):
            continue
        if low[i - 1] not in ("'s", "’s"):
            _demonym_ministry(ctx, res, i)  # "the Dutch foreign ministry"
            continue
        if i < 2:
            continue
        country = ""
        if low[i - 2] in ("country", "nation") and i >= 3 and low[i - 3] == "the":
            before = [r for r in ctx.refs if r.end <= i - 3 and _is_country_ref(ctx, r.end - 1)]
            if before:
                ref = max(before, key=lambda r: r.start)  # the country named last
                rec = ctx.entities[ref.key]
                country = (
                    "China" if rec.label in _CHINA_LABELS else ctx.span_text(ref.start, ref.end)
                )
        elif _is_country_ref(ctx, i - 2):
            own = ctx.ref_of(i - 2)
            assert own is not None
            rec = ctx.entities[own.key]
            country = "China" if rec.label in _CHINA_LABELS else ctx.span_text(own.start, own.end)
        if not country:
            continue
        if country == "China" and low[i] in _MOFCOM_KINDS and _MOFCOM in res.entries:
            key = _register(ctx, res.entries[_MOFCOM])
        else:
            # "South Korea's trade ministry" ... "the Ministry of Trade, Industry and Energy":
            # the one ministry the article names with that kind is the same body
            # ("Japan's trade ministry": named as the article names it, the country's
            # possessive kept, not "Japan trade ministry", a name nobody writes)
            key = _named_ministry(ctx, low[i], country) or ctx.entity(
                f"{country}'s {low[i]} ministry", EntityType.Regulator, confidence=0.7
            )
        ctx.add_ref(i, i + 2, key, "mention.country-ministry")


#: Ministry kinds that name China's Ministry of Commerce ("China's trade ministry").
_MOFCOM_KINDS = frozenset({"commerce", "trade"})


def _demonym_ministry(ctx: ArticleContext, res: Resources, i: int) -> None:
    """Resolve "the Dutch foreign ministry" (a demonym, a kind, "ministry") to a regulator.

    Named as the article names it ("Dutch foreign ministry"); the Chinese commerce or
    trade ministry is MOFCOM; the one ministry of that kind the article names in full
    ("Ministry of Foreign Affairs") is the same body.
    """
    orth = ctx.orth
    for size in (2, 1):
        start = i - size
        name = " ".join(orth[max(0, start) : i])
        if start < 0 or name not in res.demonyms or not ctx.free(start, i):
            continue
        country = res.demonyms[name]
        if country in _CHINA_LABELS and ctx.lower[i] in _MOFCOM_KINDS and _MOFCOM in res.entries:
            key = _register(ctx, res.entries[_MOFCOM])
        else:
            key = _named_ministry(ctx, ctx.lower[i], country) or ctx.entity(
                f"{name} {ctx.lower[i]} ministry", EntityType.Regulator, confidence=0.7
            )
        ctx.add_ref(start, i + 2, key, "mention.country-ministry")
        return


def _reads_as_state(
    ctx: ArticleContext, res: Resources, start: int, end: int, default: bool
) -> bool:
    """Return True when a country or capital name stands for its government here."""
    low = ctx.lower
    n = len(low)
    prev = low[start - 1] if start > 0 else ""
    words = res.words
    nxt = end
    if nxt < n and low[nxt] in ("'s", "’s"):
        j = nxt + 1
        for _ in range(3):
            if j < n and low[j] in words["state_nouns"]:
                return True
            if j < n and low[j].isalpha() and low[j] not in words["state_verbs"]:
                j += 1
                continue
            break
        return default
    if prev == "in" and start > 1 and low[start - 2] in _OFFICIALS:
        return True  # "regulators in Beijing" are the state
    if prev == "by" and start > 1 and low[start - 2] in _PASSIVE_STATE:
        return True  # "granted by China", "banned by Washington"
    if prev in words["place_preps"] or (prev == "and" and start > 1 and low[start - 2] == "to"):
        return False
    if nxt < n and (low[nxt] == "-" or low[nxt] == ","):
        return default if low[nxt] == "," else False
    j = nxt
    for _ in range(4):
        if j < n and low[j] in words["aux_adverbs"]:
            j += 1
            continue
        break
    if j < n and low[j] in words["state_verbs"]:
        return True
    if nxt < n and low[nxt] in words["state_nouns"]:
        return True
    return default


_WHITESPACE = re.compile(r"\s+")
_SUFFIXES: dict[int, frozenset[str]] = {}


def _legal_suffixes(res: Resources) -> frozenset[str]:
    """Return the legal suffixes a firm's canonical name drops ("Inc.", "Corp.", ...)."""
    found = _SUFFIXES.get(id(res))
    if found is None:
        found = res.words["legal_suffixes"] | {"Corp.", "Inc.", "Ltd.", "Co."}
        found |= {"Sdn", "Bhd", "Berhad", "GmbH"}  # as written: "Kedah Hyperscale Sdn Bhd"
        _SUFFIXES.clear()
        _SUFFIXES[id(res)] = found
    return found


def _canonical(res: Resources, surface: str, kind: EntityType) -> tuple[str, GazetteerEntry | None]:
    """Return the canonical label for a pattern-found surface form, and its gazetteer entry."""
    surface = _WHITESPACE.sub(" ", surface.strip())
    for cand in (surface, surface.removeprefix("the ").removeprefix("The ")):
        entry = res.lookup(cand)
        if entry is not None:
            return entry.label, entry
    if kind is EntityType.Company:
        parts = surface.split(" ")
        suffixes = _legal_suffixes(res)
        while len(parts) > 1 and parts[-1] in suffixes:
            parts.pop()  # "Kedah Hyperscale Sdn Bhd" is "Kedah Hyperscale"
        base = " ".join(parts)
        entry = res.lookup(base)
        if entry is not None:
            return entry.label, entry
        return base, None
    if (
        kind is EntityType.Chip
        and len(surface) > 2
        and surface.endswith("s")
        and (surface[-2].isdigit() or surface[-2].isupper())
    ):
        entry = res.lookup(surface[:-1])
        return (entry.label, entry) if entry else (surface[:-1], None)
    if kind is EntityType.City:
        title = " ".join(w.capitalize() for w in surface.split(" "))
        entry = res.lookup(title)
        return (entry.label, entry) if entry else (title, None)
    return surface, None


def _headlines(ctx: ArticleContext) -> list[bool]:
    """Return, per sentence, whether it is set in title case (a headline): no new names there."""
    flags = []
    orth = ctx.orth
    for s in ctx.sentences:
        small = [w for w in orth[s.start : s.end] if len(w) > 3 and w.isalpha()]
        caps = sum(1 for w in small if w[0].isupper())
        ends = orth[s.end - 1]
        flags.append(len(small) >= 3 and caps / len(small) > 0.75 and ends not in (".", '"', "”"))
    return flags


_NOT_CHIP_NAMES = _WORDS["not_chip_names"]


_FIRM_CONTEXT_AFTER = _WORDS["firm_context_after"]


def _model_named_firms(
    ctx: ArticleContext, res: Resources, candidates: list[tuple[int, int, int, str, str]]
) -> set[str]:
    """Return model-number-shaped names the article uses as firms ("UAE firm G42 said").

    A name counts as a firm when a company descriptor or "X-based" comes right before
    it, a speech verb, a leader's title, "shares" or a possessive of something other
    than a chip right after it, or it receives a sale ("chips to G42"), anywhere in the
    article.
    """
    firms: set[str] = set()
    low = ctx.lower
    for start, end, _prio, rule, _ident in candidates:
        if rule != "chip.model-shape":
            continue
        prev = low[start - 1] if start else ""
        prev2 = low[start - 2] if start > 1 else ""
        nxt = low[end] if end < len(low) else ""
        nxt2 = low[end + 1] if end + 1 < len(low) else ""
        # "sales of H100 chips to G42": a chip is not sold to a chip
        recipient = prev == "to" and any(
            low[m] in _TRADE_NOUNS for m in range(max(0, start - 7), start - 1)
        )
        owner = nxt in ("'s", "’s") and nxt2 not in res.words["chip_nouns"]
        based = prev == "based" and prev2 == "-"
        # "two Gulf companies, G42 of the United Arab Emirates and ...": an apposition
        # to firms, or a name "of" a country, is a firm (a chip is no one's citizen)
        apposed = prev == "," and prev2 in _PLURAL_DESCRIPTORS
        of_country = nxt == "of" and _country_follows(ctx, res, end + 1)
        if (
            apposed
            or of_country
            or prev in res.words["company_descriptors"]
            or prev in ("firm", "group", "company")
            or nxt in _FIRM_CONTEXT_AFTER
            or recipient
            or owner
            or based
        ):
            firms.add(ctx.span_text(start, end))
    return firms


_COMPASS = _WORDS["compass"]
_PLURAL_DESCRIPTORS = frozenset(_WORDS["plural_descriptors"])


def _country_follows(ctx: ArticleContext, res: Resources, i: int) -> bool:
    """Return True when a country's name starts at token ``i`` (after an optional "the")."""
    if i < len(ctx.lower) and ctx.lower[i] == "the":
        i += 1
    for size in (3, 2, 1):
        if i + size > len(ctx.orth):
            continue
        entry = res.lookup(" ".join(ctx.orth[i : i + size]))
        if entry is not None and entry.type is EntityType.Country:
            return True
    return False


#: org nouns that only modify another noun before "such as"/"like" ("tech firms such as")
_LIST_MODIFIERS = _WORDS["list_modifiers"]
#: lower-case words that never finish a hyphenated given name ("Noh-jung", not "Lee-run")
_SYLLABLE_BLOCK = _WORDS["syllable_block"]
_CHIP_HEADS = _WORDS["chip_heads"]
#: Words between a chip's name and its noun that say what kind of chip it is.
_CHIP_KINDS = _WORDS["chip_kinds"]
#: Verbs that introduce a product's name after its noun ("an accelerator called X").
_NAMING_VERBS = _WORDS["naming_verbs"]
#: words before a chip's name that make it a product of someone ("its", "Hygon's", "the")
_CHIP_DETERMINERS = _WORDS["chip_determiners"]
#: nouns that a chip noun can modify ("accelerator developers"): no product is named there
_MODIFIED_NOUNS = _WORDS["modified_nouns"]
#: all-capital words that are kinds of chips or parts, never one product's name
_ACRONYM_NOT_CHIP = _WORDS["acronym_not_chip"]
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{1,5}$")
_GLUED_CODE = re.compile(r"^(?:[A-Z][a-z]{2,}[0-9]{1,3}|[A-Z]{2,5}-[0-9]{1,3}[A-Z]?)$")
_SERIES = re.compile(r"^([A-Z]{2,4})[0-9]")
_CODE_NUMBER = re.compile(r"^[0-9]{1,4}[A-Za-z]?$")
_NO_ENTRY = GazetteerEntry(label="", type=EntityType.Company)


def _noun_modifies(ctx: ArticleContext, i: int) -> bool:
    """Return True when the chip noun at ``i`` modifies the noun after it ("chip makers")."""
    return i + 1 < len(ctx.lower) and ctx.lower[i + 1] in _MODIFIED_NOUNS


def _unknown_name(ctx: ArticleContext, res: Resources, i: int) -> bool:
    """Return True when token ``i`` is a free, capitalised word that names nothing known."""
    word = ctx.orth[i]
    return (
        word.istitle()
        and word.isalpha()
        and ctx.ref_of(i) is None
        and word not in _NOT_NAMES
        and word not in _LEADING
        and word.lower() not in _NOT_CHIP_NAMES
        and word not in res.demonyms
        and word not in res.metonyms
        and res.lookup(word) is None
        and ctx.sentences[ctx.sent_of[i]].start != i
    )


def _blocked_code(res: Resources, surface: str) -> bool:
    """Return True for code-shaped names that are not chips ("COVID-19", "F-35")."""
    flat = surface.replace("-", "").replace(" ", "")
    block = res.words["chip_shape_block"]
    return flat.upper() in block or flat.lower() in block


#: Per word (by ORTH id): can a chip reading start there (see :func:`_chip_cues`)?
_CHIP_CUES: dict[int, bool] = {}


def _chip_cues(ctx: ArticleContext) -> list[bool]:
    """Return, per token, whether a chip reading of :func:`_context_chips` can start there.

    Each needs a chip noun, a naming verb, "-", or a capital or digit; that depends on
    the word alone, so it is remembered per word.
    """
    flags = [_CHIP_CUES.get(h) for h in ctx.orth_ids]
    if None in flags:
        if len(_CHIP_CUES) >= 1 << 18:
            _CHIP_CUES.clear()  # bounded: a long ingest meets new words (names) without end
        for i, flag in enumerate(flags):
            if flag is None:
                first, w = ctx.orth[i][:1], ctx.lower[i]
                flag = (
                    first.isupper()
                    or first.isdigit()
                    or w == "-"
                    or w in _CHIP_HEADS
                    or w in _NAMING_VERBS
                )
                flags[i] = _CHIP_CUES[ctx.orth_ids[i]] = flag
    return flags  # type: ignore[return-value]


def _context_chips(ctx: ArticleContext, res: Resources) -> list[tuple[int, int, int, str, str]]:
    """Return chip names that the words around them give away, in one scan of the tokens.

    "chip.context" (accepted as they stand):
      - an all-capital name before a chip noun after a possessive or "its":
        "Hygon's DCU accelerators", "its RNGD chips";
      - two capitalised words before a chip noun: "the Rebel Quad accelerator";
      - the first of two names sharing a chip noun: "its Blackhole and Wormhole processors";
      - a name described by a chip noun: "the Rebel Quad, its largest accelerator,".
    "chip.code" (accepted where a model number would be): glued or hyphenated codes
    ("Jotunn8", "WSE-3") and model numbers with their letter prefix ("MTT S5000",
    "MN-Core 2").
    """
    orth, low = ctx.orth, ctx.lower
    n = len(orth)
    out: list[tuple[int, int, int, str, str]] = []
    sent_of = ctx.sent_of
    flags = _chip_cues(ctx)
    for i in [i for i in range(1, n) if flags[i] and sent_of[i] >= 0]:
        w = low[i]
        if w in _CHIP_HEADS and not _noun_modifies(ctx, i):
            j = i - 1
            if j > 2 and low[j] in _CHIP_KINDS:
                j -= 1  # "its Rebel Quad AI accelerators", "whose Jotunn8 inference chip"
            prev = low[j - 1] if j > 0 else ""
            if (
                _ACRONYM.match(orth[j])
                and orth[j] not in _ACRONYM_NOT_CHIP
                and not orth[j][-1:].isdigit()
                and ctx.ref_of(j) is None
                and res.lookup(orth[j]) is None
                and prev in _CHIP_DETERMINERS
            ):
                out.append((j, j + 1, 1, "chip.context", ""))  # "its RNGD chips"
            elif j >= 2 and _unknown_name(ctx, res, j) and prev in _CHIP_DETERMINERS:
                if j < i - 1 and _names_a_chip(ctx, res, j):
                    out.append((j, j + 1, 1, "chip.context", ""))  # "its Metis AI chips"
                # else one word right before the noun: the chip.name-noun pattern reads it
            elif (
                j >= 2
                and _unknown_name(ctx, res, j)
                and _unknown_name(ctx, res, j - 1)
                and low[j - 2] in _CHIP_DETERMINERS
            ):
                out.append((j - 1, j + 1, 1, "chip.context", ""))  # "the Rebel Quad accelerator"
            if (
                j >= 3
                and low[j - 1] in ("and", "or")
                and _unknown_name(ctx, res, j)
                and _unknown_name(ctx, res, j - 2)
                and low[j - 3] in _CHIP_DETERMINERS
            ):
                out.append((j - 2, j - 1, 1, "chip.context", ""))  # "Blackhole and Wormhole"
            # "the Rebel Quad, its largest accelerator,": walk back to the comma
            k = i - 1
            while k > 0 and i - k <= 3 and low[k].isalpha() and low[k] == orth[k]:
                if low[k] in ("its", "a", "an", "the", "their"):
                    break
                k -= 1
            if (
                k >= 3
                and low[k] in ("its", "a", "an", "the", "their")
                and low[k - 1] == ","
                and i + 1 < n
                and low[i + 1] in (",", ".", "and", "which", "that")
            ):
                end = k - 1
                start = end
                while start > end - 2 and start > 0 and _unknown_name(ctx, res, start - 1):
                    start -= 1
                if start < end and start > 0 and low[start - 1] in _CHIP_DETERMINERS:
                    out.append((start, end, 1, "chip.context", ""))
        elif w in _NAMING_VERBS and _chip_head_before(ctx, i):
            # "an in-house accelerator called Bodhi 1", "its next chip, named Europa"
            end = i + 1
            while (
                end < n
                and end - i <= 3
                and (
                    _unknown_name(ctx, res, end) or (end > i + 1 and _CODE_NUMBER.match(orth[end]))
                )
            ):
                end += 1
            if end > i + 1 and not _YEAR.match(orth[end - 1]):
                out.append((i + 1, end, 1, "chip.context", ""))
        elif _GLUED_CODE.match(orth[i]) and ctx.ref_of(i) is None:
            out.append((i, i + 1, 1, "chip.code", ""))  # "Jotunn8", "WSE-3"
        elif (
            _ACRONYM.match(orth[i - 1])
            and not orth[i - 1][-1:].isdigit()
            and orth[i - 1] not in _ACRONYM_NOT_CHIP
            and res.lookup(orth[i - 1]) is None
            and _MODEL.match(orth[i])
            and ctx.space_after[i - 1] == " "
        ):
            out.append((i - 1, i + 1, 1, "chip.code", ""))  # "MTT S5000"
        elif (
            w == "-"
            and i + 2 < n
            and re.match(r"^[A-Z]{1,4}$", orth[i - 1])
            and ctx.space_after[i - 1] == ""
            and ctx.space_after[i] == ""
            and orth[i + 1].istitle()
            and orth[i + 1].isalpha()
            and _CODE_NUMBER.match(orth[i + 2])
            and not _YEAR.match(orth[i + 2])
        ):
            out.append((i - 1, i + 3, 1, "chip.code", ""))  # "MN-Core 2"
    return out


def _chip_head_before(ctx: ArticleContext, i: int) -> bool:
    """Return True when a chip noun ends right before token ``i`` (", " allowed)."""
    k = i - 1
    if k > 0 and ctx.lower[k] == ",":
        k -= 1
    return k > 0 and ctx.lower[k] in _CHIP_HEADS


#: Words between a "Name 3" chip and its chip noun ("A3 artificial-intelligence processors").
_FAMILY_KINDS = _WORDS["family_kinds"]


def _chip_noun_after(ctx: ArticleContext, res: Resources, end: int) -> bool:
    """Return True when a chip noun follows token ``end``, past up to three kind words."""
    low = ctx.lower
    k = end
    while k < len(low) and k - end < 3 and low[k] in _FAMILY_KINDS:
        k += 1
    return k < len(low) and low[k] in res.words["chip_nouns"]


def _same_series(
    ctx: ArticleContext,
    res: Resources,
    candidates: list[tuple[int, int, int, str, str]],
    chips: set[str],
    firms: set[str],
) -> set[str]:
    """Return model numbers accepted because they share a chip's letter prefix.

    "Cambricon sells the MLU370 and the newer MLU590": once MLU370 is a chip (the
    gazetteer or its context says so), MLU590 is one too, with no chip noun near it.
    """
    series = {m.group(1) for name in chips if (m := _SERIES.match(name))}
    for start, end, _prio, rule, ident in candidates:
        if rule == "mention.gazetteer":
            entry = res.lookup(ident)
            if entry is not None and entry.type is EntityType.Chip:
                m = _SERIES.match(ctx.span_text(start, end))
                if m:
                    series.add(m.group(1))
    if not series:
        return set()
    out: set[str] = set()
    for start, end, _prio, rule, _ident in candidates:
        if rule != "chip.model-shape":
            continue
        surface = ctx.span_text(start, end)
        m = _SERIES.match(surface)
        if m and m.group(1) in series and surface not in chips and surface not in firms:
            out.add(surface)
    return out


def _names_a_chip(ctx: ArticleContext, res: Resources, start: int) -> bool:
    """Return True when a capitalised word before "chips"/"processor" is a chip's name.

    Not at a sentence start (any word is capitalised there), not a known company, place
    or country, not a nationality and not a common adjective ("Western chips").
    """
    word = ctx.orth[start]
    s = ctx.sent_of[start]
    if s < 0 or ctx.sentences[s].start == start or word in _NOT_NAMES:
        return False
    if word.lower() in _NOT_CHIP_NAMES or word in res.demonyms or word in res.metonyms:
        return False
    if _noun_modifies(ctx, start + 1) and ctx.lower[start - 1] not in _CHIP_DETERMINERS:
        return False  # "Nordic accelerator developers"
    entry = res.lookup(word)
    return entry is None or entry.type is EntityType.Chip


def _chip_gate(
    ctx: ArticleContext, res: Resources, start: int, end: int, chip_ok: list[bool | None]
) -> bool:
    """Return True when a model-number-shaped span is used as a chip name here.

    It is when the gazetteer knows it, a chip noun follows ("H20 chips"), or the
    sentence speaks of chips; the article then accepts every other use of the name.
    """
    s = ctx.sent_of[start]
    nxt = ctx.lower[end] if end < len(ctx.lower) else ""
    nxt2 = ctx.lower[end + 1] if end + 1 < len(ctx.lower) else ""
    owner = ctx.orth[start - 2] if start >= 2 and ctx.lower[start - 1] in ("'s", "’s") else ""
    maker = res.lookup(owner or (ctx.orth[start - 1] if start else ""))
    return (
        res.lookup(ctx.span_text(start, end)) is not None
        or (maker is not None and maker.type is EntityType.Company)
        or nxt in res.words["chip_nouns"]
        or nxt2 in res.words["chip_nouns"]
        or (s >= 0 and chip_ok[s] is True)
        # beside a known chip only after a determiner: "the B30A", not "G42 has signed"
        or (
            s >= 0
            and chip_ok[s] is None
            and start > 0
            and ctx.lower[start - 1] in _CODE_DETERMINERS
        )
    )


def _chip_context(
    ctx: ArticleContext, res: Resources, candidates: list[tuple[int, int, int, str, str]]
) -> list[bool | None]:
    """Return, per sentence, whether it speaks of chips: True, False, or None for "a little".

    It does (True) when a chip noun occurs in it; a little (None) when it names a chip the
    gazetteer knows: "The B30A is more powerful than the H20" makes the unknown code after
    "the" beside the H20 a chip.
    """
    nouns = res.words["chip_nouns"]
    flags: list[bool | None] = [False] * len(ctx.sentences)
    for s in ctx.sentences:
        flags[s.index] = not nouns.isdisjoint(ctx.lower[s.start : s.end])
    for start, _end, _prio, rule, ident in candidates:
        if rule != "mention.gazetteer":
            continue
        index = ctx.sent_of[start]
        if index >= 0 and flags[index] is False:
            entry = res.lookup(ident)
            if entry is not None and entry.type is EntityType.Chip:
                flags[index] = None
    return flags


#: Heads that continue a firm-like name into an institution's ("X Computing Institute").
_INSTITUTION_TAILS = _WORDS["institution_tails"]


def _add_pattern(
    ctx: ArticleContext,
    res: Resources,
    start: int,
    end: int,
    rule: str,
    ident: str,
    ctx_chips: set[str],
    ctx_firms: set[str] = frozenset(),  # type: ignore[assignment]
) -> None:
    spec = res.patterns[ident]
    kind = EntityType(spec.label)
    orth = ctx.orth
    # Trim leading function words and trailing connectors a greedy pattern swallowed.
    while start < end and (
        orth[start] in _LEADING
        or orth[start] in ("of", "and", "for", ",")
        or (kind is not EntityType.Regulator and orth[start] in _NOT_NAMES)
    ):
        if kind is EntityType.Person:
            return
        start += 1
    while end > start and orth[end - 1] in ("of", "and", "for", ",", "the", "on"):
        end -= 1
    if start >= end:
        return
    if (
        spec.gate == "line-start"
        and start > 0
        and "\n" not in ctx.orth[start - 1] + ctx.space_after[start - 1]
        and orth[start - 1] not in ("*", "**")
    ):
        return
    if kind is EntityType.Chip:
        text = "".join(orth[start:end])
        if (
            text.upper() in res.words["chip_shape_block"]
            or text.lower() in res.words["chip_shape_block"]
        ):
            return
        if _YEAR.match(orth[end - 1]):
            return
        if rule == "chip.family-model":
            head = res.lookup(orth[start])
            if head is not None and head.type is not EntityType.Chip:
                return  # "Nvidia 2025" or "Huawei 910C": maker then model
        if ctx.span_text(start, end) in ctx_firms:
            kind, rule = EntityType.Company, "company.named-like-a-model"
        elif ctx.span_text(start, end) not in ctx_chips:
            return
    if kind is EntityType.Person and orth[end - 1] in _NOT_NAMES:
        end -= 1
        if end - start < 2:
            return
    if kind is EntityType.Person:
        end = _hyphen_end(ctx, end)  # "Kwak Noh-jung", not "Kwak Noh"
    if rule == "company.suffix" and end - start == 1:
        return  # "The Cloud show": a suffix word alone names no firm
    if kind is EntityType.Regulator:
        low = ctx.lower
        dates = res.words["weekdays"] | res.words["months"]
        for m in range(start + 1, end - 1):
            if low[m] in ("on", "in", "last", "this") and low[m + 1] in dates:
                end = m  # "... Trade and Industry on Friday": the name ends before the date
                break
    if (
        rule == "company.suffix"
        and end < len(orth)
        and orth[end] in _INSTITUTION_TAILS
        and ctx.free(end, end + 1)
    ):
        end += 1  # "Wuxi Tiangong Computing Institute", not "... Computing"
    surface = ctx.span_text(start, end)
    label, entry = _canonical(res, surface, kind)
    if entry is not None:
        key = _register(ctx, entry)
    else:
        if kind is EntityType.Regulator and len(label.split()) < 2:
            return
        key = ctx.entity(label, kind, confidence=0.7)
    ctx.add_ref(start, end, key, f"mention.{rule}")


def _outlet_names(ctx: ArticleContext, res: Resources) -> list[tuple[int, int, int, str, str]]:
    """Return candidate outlets named "... Review"/"... Times" and cited as a source here."""
    orth = ctx.orth
    heads = res.words["outlet_heads"]
    out: list[tuple[int, int, int, str, str]] = []
    for i in [i for i, w in enumerate(ctx.lower) if w in heads]:  # LOWER is str.lower()
        word = orth[i]
        if i == 0 or word.lower() not in heads or not word[:1].isupper():
            continue
        start = i
        while start > 0 and i - start < 4 and orth[start - 1].istitle():
            if not orth[start - 1].isalpha():
                break
            start -= 1
        while start < i and (orth[start] in _LEADING or orth[start] in _NOT_NAMES):
            start += 1
        if start < i and _cites_outlet(ctx, start, i + 1):
            out.append((start, i + 1, 1, "mention.outlet-head", ""))
    return out


_OUTLET_BEFORE = _WORDS["outlet_before"]
_OUTLET_AFTER = _WORDS["outlet_after"]


def _cites_outlet(ctx: ArticleContext, start: int, end: int) -> bool:
    """Return True when a "... Review"/"... Times" name is cited as a source here.

    A source cue comes just before it ("according to", "told", "reported by", "in") or
    just after it ("reported", "said", "newspaper", "'s report").
    """
    low = ctx.lower
    before = low[max(0, start - 3) : start]
    after = low[end : end + 2]
    return any(w in _OUTLET_BEFORE for w in before) or any(w in _OUTLET_AFTER for w in after)


# -- pass 2 -------------------------------------------------------------------


_BODY_NOUNS = _WORDS["body_nouns"]
_BODY_ACRONYM = re.compile(r"^[A-Z][A-Za-z&]{1,7}$")


def _abbreviations(ctx: ArticleContext, res: Resources) -> None:
    """Register "(ABBR)" after an entity as its alias, and resolve later uses."""
    orth = ctx.orth
    aliases: dict[str, str] = _initialisms(ctx, res)
    if "(" not in orth and not aliases:
        return  # both readings start at "(" (most articles)
    for i in range(1 if "(" in orth else len(orth), len(orth) - 2):
        if orth[i] == "(" and orth[i + 2] == ")" and _ABBR.match(orth[i + 1]):
            ref = ctx.ref_of(i - 1)
            if ref is not None and ctx.ref_of(i + 1) is None:
                aliases[orth[i + 1]] = ref.key
        if (
            orth[i] == "("
            and orth[i + 2] == ")"
            and ctx.lower[i - 1] in _BODY_NOUNS
            and ctx.ref_of(i - 1) is None
            and ctx.ref_of(i + 1) is None
            and _BODY_ACRONYM.match(orth[i + 1])
            and sum(c.isupper() for c in orth[i + 1]) >= 2
        ):
            # "the trade ministry (MOTIE)": the acronym names a regulator
            aliases[orth[i + 1]] = ctx.entity(orth[i + 1], EntityType.Regulator, confidence=0.7)
    if not aliases:
        return
    for i, word in enumerate(orth):
        key = aliases.get(word)
        if key is not None and ctx.ref_of(i) is None:
            ctx.add_ref(i, i + 1, key, "mention.abbreviation")


def _initialisms(ctx: ArticleContext, res: Resources) -> dict[str, str]:
    """Return the initialisms of the article's long body names, found as capitals in its text.

    "Japan's Ministry of Economy, Trade and Industry ... METI approved ...": an unclaimed
    all-capitals word spelling the initials of a named regulator or firm of three or more
    words is that body (with or without "of": "MOTIE" for "Ministry of Trade, Industry
    and Energy").
    """
    forms: dict[str, str] = {}
    for key, rec in ctx.entities.items():
        if rec.type not in (EntityType.Regulator, EntityType.Company):
            continue
        words = [w.strip(",") for w in rec.label.split()]
        caps = [w for w in words if w[:1].isupper()]
        if len(caps) < 3:
            continue
        plain = "".join(w[0] for w in caps)
        full = "".join(w[0].upper() for w in words if w not in ("and", "&", "the"))
        for form in {plain, full}:
            if 3 <= len(form) <= 6:
                forms.setdefault(form, key)
    if not forms:
        return {}
    seen = set(ctx.orth)
    return {
        form: key
        for form, key in forms.items()
        if form in seen and form not in _ACRONYM_NOT_CHIP and res.lookup(form) is None
    }


def _is_place_word(res: Resources, word: str) -> bool:
    """Return True when the gazetteer knows ``word`` as a city, country or place."""
    entry = res.lookup(word)
    return entry is not None and entry.type in _PLACE_TYPES


def _short_forms(ctx: ArticleContext, res: Resources) -> None:
    """Resolve surnames, bare company names and bare model numbers seen in full before."""
    forms: dict[str, str] = {}
    for key, rec in ctx.entities.items():
        parts = rec.label.split()
        if rec.type is EntityType.Person and len(parts) >= 2:
            if "-" in parts[-1]:
                forms.setdefault(parts[0], key)  # "Kwak" after "Kwak Noh-jung"
            forms.setdefault(parts[-1], key)
            if len(parts) == 3:
                forms.setdefault(parts[1], key)
        elif rec.type is EntityType.Company and len(parts) >= 2:
            forms.setdefault(parts[0], key)
            if len(parts) >= 3 and _is_place_word(res, parts[0]):
                forms.setdefault(parts[1], key)  # "Hanxin" after "Suzhou Hanxin Microelectronics"
        elif rec.type is EntityType.Chip and len(parts) == 2 and parts[1][:1].isdigit():
            forms.setdefault(parts[1], key)
            forms.setdefault(parts[1] + "s", key)
    if not forms:
        return
    first_seen: dict[str, int] = {}
    for ref in ctx.refs:
        first_seen.setdefault(ref.key, ref.start)
    for i in [i for i, w in enumerate(ctx.orth) if w in forms]:
        word = ctx.orth[i]
        found = forms[word]
        if ctx.ref_of(i) is not None or i < first_seen.get(found, 0):
            continue
        if word[:1].isdigit():
            prev = ctx.lower[i - 1] if i else ""
            if prev not in ("the", "and", ",", "a", "its") and not (
                i + 1 < len(ctx.lower) and ctx.lower[i + 1] in ("'s", "’s", "and", ",")
            ):
                continue
        ctx.add_ref(i, i + 1, found, "mention.short-form")


# -- pass 3 -------------------------------------------------------------------


def _cap_run(ctx: ArticleContext, i: int, limit: int = 4) -> int:
    """Return the end of the run of capitalised, unclaimed tokens starting at ``i``."""
    orth = ctx.orth
    j = i
    while j < len(orth) and j - i < limit and _CAP.match(orth[j]) and ctx.ref_of(j) is None:
        if orth[j] in _NOT_NAMES and j == i:
            return i
        j += 1
    return j


#: "the island of Batam", "the port of Klang": the name after one of these is a place.
_PLACE_OF = re.compile(r"\b(?:" + "|".join(sorted(_WORDS["place_of_nouns"])) + r") of ")


def _named_place(ctx: ArticleContext, name: str) -> bool:
    """Return True when the article calls ``name`` a place ("the island of Batam")."""
    return any(ctx.text.startswith(name, m.end()) for m in _PLACE_OF.finditer(ctx.text))


def _new(
    ctx: ArticleContext, res: Resources, start: int, end: int, kind: EntityType, rule: str
) -> None:
    if start >= end or not ctx.free(start, end):
        return
    if kind is EntityType.Person:
        end = _hyphen_end(ctx, end)
    if kind is EntityType.Company and (
        ctx.orth[end - 1] in _NOT_ORG_HEADS
        or (end < len(ctx.orth) and (ctx.orth[end] == "-" or ctx.orth[end] in _NOT_ORG_HEADS))
    ):
        return  # "China's Cybersecurity Law", "China's Anti-Monopoly Law"
    surface = ctx.span_text(start, end)
    if kind is EntityType.Company and surface in res.demonyms:
        return  # "sales to Saudi's Humain", "to Thai buyers": a nationality, no firm
    label, entry = _canonical(res, surface, kind)
    key = _register(ctx, entry) if entry else ctx.entity(label, kind, confidence=0.6)
    ctx.add_ref(start, end, key, rule)


_CONTEXT_CUES: dict[int, frozenset[str]] = {}


def _buyer_name(ctx: ArticleContext, res: Resources, i: int) -> None:
    """Add the unknown firm that buys chips at ``i``: "Humain will buy 18,000 GB300 chips".

    The name ends right before the verb and its auxiliaries ("has agreed to buy"), is one
    or two capitalised words that are no common sentence opener, and the sentence names a
    chip (or a chip noun) within a few words after the verb.
    """
    low, orth = ctx.lower, ctx.orth
    s = ctx.sent_of[i]
    sent = ctx.sentences[s]
    k = i
    while k > sent.start and low[k - 1] in _BUYER_AUX:
        k -= 1
    if k <= sent.start or ctx.ref_of(k - 1) is not None:
        return
    end = k
    start = _name_start(ctx, k, limit=2)
    if orth[k - 1] == "AI" and start < k - 1:
        end = k - 1  # "Orinthe AI will acquire ..."
    if start >= end or any(
        orth[q] in _NOT_NAMES or orth[q] in res.demonyms for q in range(start, end)
    ):
        return
    if end - start == 1 and low[start] in _PLURAL_NOUNS:
        return
    window = range(i + 1, min(sent.end, i + 8))
    chips = res.words["chip_nouns"]
    if not any(
        low[q] in chips
        or ((ref := ctx.ref_of(q)) is not None and ctx.entities[ref.key].type is EntityType.Chip)
        for q in window
    ):
        return
    _new(ctx, res, start, k, EntityType.Company, "mention.buyer")


_BUYER_VERBS = frozenset(_WORDS["buyer_verbs"])
_BUYER_AUX = frozenset(_WORDS["buyer_aux"])
_PASSIVE_GRANTS = frozenset(_WORDS["passive_grant_verbs"])
_PASSIVE_AUX = frozenset(_WORDS["passive_aux"])
_GRANT_TRADE_VERBS = frozenset(_WORDS["grant_trade_verbs"])


def _passive_grantee(ctx: ArticleContext, res: Resources, i: int) -> None:
    """Add the unknown firm a licence is given to at ``i``: "Zentara was granted a licence".

    The name is one to three capitalised words right before a passive auxiliary ("was",
    "has been"); an approval noun or "to" + a trade verb follows within a few words, and
    the sentence speaks of chips.
    """
    low, orth = ctx.lower, ctx.orth
    sent = ctx.sentences[ctx.sent_of[i]]
    k = i
    while k > sent.start and low[k - 1] in _PASSIVE_AUX:
        k -= 1
    if k == i or not {"was", "were", "been"}.intersection(low[k:i]):
        return
    if k <= sent.start or ctx.ref_of(k - 1) is not None:
        return
    start = _name_start(ctx, k, limit=3)
    if start >= k or any(orth[q] in _NOT_NAMES or orth[q] in res.demonyms for q in range(start, k)):
        return
    if k - start == 1 and low[start] in _PLURAL_NOUNS:
        return
    after = low[i + 1 : min(sent.end, i + 7)]
    if not (
        any(w in _APPROVAL_NOUNS for w in after)
        or (after[:1] == ["to"] and after[1:2] and after[1] in _BUYER_VERBS | _GRANT_TRADE_VERBS)
    ):
        return
    chips = res.words["chip_nouns"]
    if not any(
        low[q] in chips
        or ((ref := ctx.ref_of(q)) is not None and ctx.entities[ref.key].type is EntityType.Chip)
        for q in range(i + 1, sent.end)
    ):
        return
    _new(ctx, res, start, k, EntityType.Company, "mention.grantee-passive")


def _context_cues(res: Resources) -> frozenset[str]:
    """Return every word that can start one of :func:`_context_names`'s readings.

    Each branch there first asks whether the token is one of its cue words; tokens
    that are none of them are skipped without testing the branches one by one.
    """
    cues = _CONTEXT_CUES.get(id(res))
    if cues is None:
        cues = frozenset(
            {"such", "like", "including", "up", ",", "who", "whose", "'s", "’s", "to"}
            | {"ceo", "chief", "chairman", "chairwoman", "founder", "boss"}  # _title_starts
            | {"travelled", "traveled", "arrived", "flew", "according", "reported"}
            | _PLURAL_DESCRIPTORS
            | res.words["company_descriptors"]
            | _SPEECH
            | _FIRM_VERBS
            | _PERSON_VERBS
            | _GRANT_VERBS
            | _WIN_VERBS
            | _BUYER_VERBS
            | _PASSIVE_GRANTS
        )
        _CONTEXT_CUES[id(res)] = cues
    return cues


def _context_names(ctx: ArticleContext, res: Resources, headline: list[bool]) -> None:
    low, orth = ctx.lower, ctx.orth
    words = res.words
    n = len(orth)
    introducers = ("such", "like", "including")
    cues = _context_cues(res)
    for i in [i for i, w in enumerate(low) if w in cues]:
        w = low[i]
        if ctx.sent_of[i] < 0 or headline[ctx.sent_of[i]]:
            continue
        # "firms such as X, Y and Z" / "rivals like X" / "companies, including X"
        if w in introducers and i > 0:
            j = i + 2 if w == "such" and i + 1 < n and low[i + 1] == "as" else i + 1
            if w == "such" and j == i + 1:
                continue
            window = low[max(0, i - 4) : i]
            if not any(x in words["org_nouns"] for x in window if x not in _LIST_MODIFIERS):
                continue
            _company_list(ctx, res, j, (",", "and", "or"))
        # "chipmaker X", "start-up X", "technology giant X", "provider X"
        elif w in _PLURAL_DESCRIPTORS and i + 1 < n and _CAP.match(orth[i + 1]):
            # "equipment makers Naura Technology and Piotech": a list of names
            j = i + 1
            _company_list(ctx, res, j, (",", "and"))
        elif (
            (
                w in words["company_descriptors"]
                or (w == "up" and i >= 2 and low[i - 1] == "-" and low[i - 2] == "start")
            )
            and i + 1 < n
            and ctx.ref_of(i + 1) is None
        ):
            end = _cap_run(ctx, i + 1, 3)
            if (
                end > i + 1
                and orth[i + 1] not in _NOT_NAMES
                and ctx.sent_of[i] == ctx.sent_of[i + 1]
            ):
                _new(ctx, res, i + 1, end, EntityType.Company, "mention.company-descriptor")
        # "X said" (speaker), "Name Name, general manager at ..."
        elif (
            (w in _SPEECH or w in _FIRM_VERBS)
            and i > 0
            and ctx.ref_of(i - 1) is None
            and (_CAP.match(orth[i - 1]) or _name_start(ctx, i) < i)
        ):
            start = _name_start(ctx, i)
            while start < i and orth[start] in _NOT_NAMES:
                start += 1
            if (
                orth[i - 1] == "AI"
                and start < i - 1
                and not any(orth[k] in _NOT_NAMES for k in range(start, i - 1))
            ):
                _new(ctx, res, start, i, EntityType.Company, "mention.speaker")  # "Axelera AI"
                continue
            if start >= i or any(orth[k] in _NOT_NAMES for k in range(start, i)):
                continue
            size = i - start
            kind = EntityType.Person if size >= 2 else EntityType.Company
            if w in _FIRM_VERBS:
                kind = EntityType.Company  # people do not unveil chips in this domain's copy
            if size == 1 and low[start] in _PLURAL_NOUNS:
                continue
            _new(ctx, res, start, i, kind, "mention.speaker")
        elif w in _BUYER_VERBS:
            _buyer_name(ctx, res, i)
        elif w == "," and i >= 2 and i + 2 < n:
            # "Zhang Yuchun, general manager at ...", "Lisa Su, AMD's chief executive"
            start = _name_start(ctx, i)
            if (
                i - start >= 2
                and ctx.free(start, i)
                and not any(orth[k] in _NOT_NAMES for k in range(start, i))
            ):
                k = i + 1
                if low[k] == "who" and k + 2 < n and low[k + 1] in ("is", "was", "became"):
                    k += 2  # "Farida Osman, who is the company's chief executive"
                if low[k] in ("the", "a", "an"):
                    k += 1
                owner = ctx.ref_of(k)
                if (
                    owner is not None
                    and owner.end + 1 < n
                    and low[owner.end] in ("'s", "’s", "'", "’")
                ):
                    k = owner.end + 1  # "Ilse Varga, Halvard Systems' chief executive"
                elif (
                    owner is None
                    and k + 1 < n
                    and _CAP.match(orth[k])
                    and orth[k] not in _NOT_NAMES
                    and low[k + 1] in ("'s", "’s")
                ):
                    k += 2  # "Han Seo-yeon, Daeho's chief executive": a firm not yet known
                elif (
                    k + 1 < n and low[k] in words["definite_company"] and low[k + 1] in ("'s", "’s")
                ):
                    k += 2  # "Ilse Varga, the company's chief executive"
                elif low[k] in ("its", "their") and k + 2 < n:
                    k += 1  # "Dana Whitlock, its chief executive, said"
                if k + 1 < n and (
                    low[k] in words["leader_titles"]
                    or " ".join(low[k : k + 2]) in words["leader_titles"]
                    or low[k] in words["person_titles"]
                    or low[k] in _ROLE_NOUNS
                ):
                    _new(ctx, res, start, i, EntityType.Person, "mention.person-apposition")
            # "Its head, Mira Stanek, said": a role, then a name between commas
            if (
                low[i - 1] in words["person_titles"]
                or " ".join(low[i - 2 : i]) in words["person_titles"]
            ) and ctx.ref_of(i + 1) is None:
                end = _hyphen_end(ctx, _cap_run(ctx, i + 1, 3))
                if end - (i + 1) >= 2 and end < n and low[end] == ",":
                    _new(ctx, res, i + 1, end, EntityType.Person, "mention.person-apposition")
        # "Ortus chief executive Dana Whitcombe", "Ortus's CEO": a firm before a title
        elif i > 0 and _title_starts(low, orth, i):
            end = i - 1 if i > 1 and low[i - 1] in ("'s", "’s") else i
            start = end
            while (
                start > 0
                and end - start < 2
                and _CAP.match(orth[start - 1])
                and ctx.ref_of(start - 1) is None
            ):
                start -= 1
            first = ctx.sentences[ctx.sent_of[i]].start
            if (
                end > start
                and not any(orth[m] in _NOT_NAMES for m in range(start, end))
                and not (start == first and end == i and orth[i][:1].isupper())
            ):
                _new(ctx, res, start, end, EntityType.Company, "mention.company-title")
        # "Ilse Varga, who heads X", "Ilse Varga became chief executive of X"
        elif (
            w == "who" and i >= 3 and low[i - 1] == "," and i + 1 < n and low[i + 1] in _LEADS_VERBS
        ) or (w in _PERSON_VERBS and i >= 2):
            end = i - 1 if w == "who" else i
            start = end
            while (
                start > 0
                and end - start < 3
                and _CAP.match(orth[start - 1])
                and ctx.ref_of(start - 1) is None
            ):
                start -= 1
            if end - start >= 2 and not any(orth[m] in _NOT_NAMES for m in range(start, end)):
                _new(ctx, res, start, end, EntityType.Person, "mention.person-role")
        # "X, whose chief executive is Name Name"
        elif w == "whose" and i + 3 < n:
            k = i + 1
            while k < n and k < i + 4 and low[k] != "is":
                k += 1
            if (
                k < n
                and low[k] == "is"
                and any(
                    " ".join(low[a:b]) in words["leader_titles"]
                    for a in range(i + 1, k)
                    for b in range(a + 1, k + 1)
                )
            ):
                end = _cap_run(ctx, k + 1, 3)
                if end - (k + 1) >= 2:
                    _new(ctx, res, k + 1, end, EntityType.Person, "mention.person-whose")
        # "Saudi Arabia's Quorra", "China's largest chipmaker Halvard": a country's firm
        elif w in ("'s", "’s") and i > 0 and i + 1 < n and _is_country_ref(ctx, i - 1):
            k = i + 1
            while (
                k < n
                and k < i + 5
                and low[k].isalpha()
                and low[k] == orth[k]
                and ctx.ref_of(k) is None
            ):
                k += 1  # lower-case words: "China's largest contract chipmaker X"
            end = _cap_run(ctx, k, 3)
            after = low[end] if end < n else ""
            if (
                end > k
                and after not in words["chip_nouns"]
                and after not in _BODY_NOUNS  # "India's IT ministry"
                and not any(orth[m] in _NOT_NAMES for m in range(k, end))
                and (k == i + 1 or low[k - 1] in words["org_nouns"])
            ):
                _new(ctx, res, k, end, EntityType.Company, "mention.company-of-country")
        # firms in approval slots: "approved X to buy", "exports of chips to X", "X won approval"
        elif w in _GRANT_VERBS and i + 1 < n and ctx.ref_of(i + 1) is None:
            if w in _PASSIVE_GRANTS:
                _passive_grantee(ctx, res, i)  # "Zentara was granted a licence"
            end = _cap_run(ctx, i + 1, 3)
            if (
                end > i + 1
                and end < n
                and low[end]
                in ("to", "'s", "’s", ",", "and", "permission", "a", "an", "licences", "licenses")
            ):
                _new(ctx, res, i + 1, end, EntityType.Company, "mention.company-grantee")
        elif w in _PASSIVE_GRANTS:
            _passive_grantee(ctx, res, i)  # "Zentara was given permission to import"
        elif (
            w == "to"
            and i + 1 < n
            and ctx.ref_of(i + 1) is None
            and any(low[m] in _TRADE_NOUNS for m in range(max(0, i - 6), i))
        ):
            end = _cap_run(ctx, i + 1, 3)
            if (
                end > i + 1
                and not _is_placeish(res, orth[i + 1 : end])
                and not _named_place(ctx, ctx.span_text(i + 1, end))
            ):
                _new(ctx, res, i + 1, end, EntityType.Company, "mention.company-recipient")
        elif w in _WIN_VERBS and i > 0 and ctx.ref_of(i - 1) is None and _CAP.match(orth[i - 1]):
            start = i - 1
            while (
                start > 0
                and i - start < 3
                and _CAP.match(orth[start - 1])
                and ctx.ref_of(start - 1) is None
            ):
                start -= 1
            if any(low[m] in _APPROVAL_NOUNS for m in range(i + 1, min(n, i + 5))) and not any(
                orth[m] in _NOT_NAMES for m in range(start, i)
            ):
                _new(ctx, res, start, i, EntityType.Company, "mention.company-grantee")
        # places after travel verbs: "travelled to X", "arrived in X"
        elif w in ("travelled", "traveled", "arrived", "flew") and i + 2 < n:
            k = i + 1
            if low[k] in ("to", "in", "into"):
                end = _cap_run(ctx, k + 1, 3)
                if end > k + 1:
                    _new(ctx, res, k + 1, end, EntityType.Place, "mention.place-travel")
        # "according to X" (an outlet) / "X reported"
        elif w == "according" and i + 2 < n and low[i + 1] == "to":
            k = i + 2
            start = k + 1 if low[k] == "the" else k
            end = _cap_run(ctx, start, 4)
            if end > start and not any(orth[m] in _NOT_NAMES for m in range(start, end)):
                _new(ctx, res, start, end, EntityType.NewsOutlet, "mention.outlet-according")
        elif w == "reported" and i > 0 and ctx.ref_of(i - 1) is None and _CAP.match(orth[i - 1]):
            start = i - 1
            while start > 0 and _CAP.match(orth[start - 1]) and i - start < 4:
                start -= 1
            while start < i and orth[start] in _NOT_NAMES:
                start += 1
            if (
                start < i
                and ctx.free(start, i)
                and not any(orth[m] in _NOT_NAMES for m in range(start, i))
            ):
                _new(ctx, res, start, i, EntityType.NewsOutlet, "mention.outlet-reported")


_APPOSITION_HEADS = _WORDS["apposition_heads"]


def _company_list(
    ctx: ArticleContext, res: Resources, start: int, separators: tuple[str, ...]
) -> None:
    """Record each capitalised name of a list from ``start`` on as a company.

    Names already known are skipped over; the list ends at the first token that is
    neither a separator, a known name nor a capitalised run.
    """
    low, n, j = ctx.lower, len(ctx.lower), start
    while j < n:
        if low[j] in separators:
            j += 1
            continue
        ref = ctx.ref_of(j)
        if ref is not None:
            j = ref.end
            continue
        end = _cap_run(ctx, j)
        if end == j:
            break
        _new(ctx, res, j, end, EntityType.Company, "mention.company-list")
        j = end


def _cap_run_back(ctx: ArticleContext, end: int, limit: int = 4) -> int:
    """Return the start of the run of capitalised, unclaimed tokens that ends at ``end``."""
    start = end
    while (
        start > 0
        and end - start < limit
        and _CAP.match(ctx.orth[start - 1])
        and ctx.ref_of(start - 1) is None
    ):
        start -= 1
    while start < end and (ctx.orth[start] in _NOT_NAMES or ctx.orth[start] in _LEADING):
        start += 1
    return start


#: Words after an apposition's firm noun that end the apposition or describe the firm.
_APPOSITION_AFTER = frozenset(
    {",", ".", "that", "which", "based", "with", "in", "backed", "owned", "whose"}
    | {"run", "led", "founded", "headed", "chaired", "controlled", "spun", "set"}
)


def _apposition_head(ctx: ArticleContext, res: Resources, k: int) -> bool:
    """Return True when ", a Malaysian data-centre start-up," describes a firm from ``k`` on.

    ``k`` points at the article; up to six lower-case words, hyphens or nationalities
    follow, then a firm noun, then a comma, full stop or relative word.
    """
    low, orth = ctx.lower, ctx.orth
    n = len(low)
    if k >= n:
        return False
    owner = ctx.ref_of(k)
    if (
        owner is not None
        and owner.start == k
        and ctx.entities[owner.key].type is EntityType.Country
        and owner.end < n
        and low[owner.end] in ("'s", "’s")
    ):
        j = owner.end + 1  # ", Saudi Arabia's state-backed AI company,"
    elif low[k] in ("a", "an", "the"):
        j = k + 1
    else:
        return False
    for _ in range(7):
        if j >= n:
            return False
        word = low[j]
        if word == "start" and j + 2 < n and low[j + 1] == "-" and low[j + 2] == "up":
            word, j = "start-up", j + 2
        if word in _APPOSITION_HEADS:
            after = low[j + 1] if j + 1 < n else ""
            return after in _APPOSITION_AFTER
        place = ctx.ref_of(j)
        if place is not None and ctx.entities[place.key].type in _PLACE_TYPES:
            j = place.end  # "a London chip designer", "the Osaka-based cloud operator"
            continue
        if orth[j][:1].isupper() and low[j + 1 : j + 3] == ["-", "based"]:
            j += 3  # "a Noida-based cloud start-up": a place the gazetteer does not know
            continue
        if (
            orth[j] == "-"
            or (orth[j].isalpha() and orth[j] == word)
            or orth[j] in res.demonyms
            or (orth[j].isupper() and orth[j].isalpha() and len(orth[j]) <= 3)  # "AI"
        ):
            j += 1
            continue
        return False
    return False


#: "a fourth company, X,", "another buyer, X,": a firm noun and the word before it.
_FIRM_HEADS = _WORDS["firm_heads"]
_FIRM_HEAD_LEADS = _WORDS["firm_head_leads"]


def _firm_contexts(ctx: ArticleContext, res: Resources, headline: list[bool]) -> None:
    """Find firms and people by the company they keep.

    "X, a Malaysian start-up,", "X, which is based in ...", "X, headquartered in ...",
    "shares of X" name firms.
    """
    low, orth = ctx.lower, ctx.orth
    n = len(low)
    for i in range(n - 2):
        s = ctx.sent_of[i]
        if s < 0 or headline[s]:
            continue
        w = low[i]
        if w == "," and i > 0 and ctx.ref_of(i - 1) is None and _CAP.match(orth[i - 1]):
            k = i + 1
            based = (low[k] in ("which", "that") and low[k + 1] in ("is", "was")) and (
                k + 2 < n and low[k + 2] in ("based", "headquartered")
            )
            based = based or low[k] in ("based", "headquartered")
            # "Humain, owned by the Public Investment Fund and ...": only a firm is owned
            based = based or (low[k] in ("owned", "controlled") and low[k + 1] == "by")
            if based or _apposition_head(ctx, res, k):
                start = _cap_run_back(ctx, i)
                if start < i and not _is_placeish(res, orth[start:i]):
                    _new(ctx, res, start, i, EntityType.Company, "mention.company-apposition")
        elif (
            w == ","
            and i >= 2
            and low[i - 1] in _FIRM_HEADS
            and low[i - 2] in _FIRM_HEAD_LEADS
            and ctx.ref_of(i + 1) is None
        ):
            # "A fourth company, Songhua AI, had its request turned down": the name the
            # firm noun introduces, between commas
            end = _cap_run(ctx, i + 1, 3)
            if (
                end > i + 1
                and end < n
                and low[end] == ","
                and not _is_placeish(res, orth[i + 1 : end])
                and orth[i + 1] not in _NOT_NAMES  # ("Songhua AI": a last "AI" is a name's)
                and low[i + 1] not in res.words["months"]
                and low[i + 1] not in res.words["weekdays"]
            ):
                _new(ctx, res, i + 1, end, EntityType.Company, "mention.company-apposition")
        elif w in ("shares", "stock") and low[i + 1] in ("of", "in") and i + 2 < n:
            end = _cap_run(ctx, i + 2, 4)
            if (
                (
                    end > i + 2
                    and not _is_placeish(res, orth[i + 2 : end])
                    and low[end - 1]
                    not in res.words["company_suffixes"]  # not "shares of Technology"
                )
                or (end > i + 3 and not _is_placeish(res, orth[i + 2 : end]))
            ):
                _new(ctx, res, i + 2, end, EntityType.Company, "mention.company-shares")


def _list_item_ok(ctx: ArticleContext, res: Resources, i: int) -> bool:
    """Return True when token ``i`` may be an unknown firm in a list of firms.

    A free, capitalised, one-word name that is not a month, weekday, place, demonym,
    title or known non-name, nor the first word of its sentence.
    """
    word, low = ctx.orth[i], ctx.lower[i]
    words = res.words
    s = ctx.sent_of[i]
    return (
        s >= 0
        and ctx.sentences[s].start != i
        and ctx.ref_of(i) is None
        and _CAP.match(word) is not None
        and word[:1].isalpha()
        and len(word) >= 2
        and word not in _NOT_NAMES
        and word not in _LEADING
        and word not in res.demonyms
        and word not in res.metonyms
        and res.lookup(word) is None
        and low not in words["months"]
        and low not in words["weekdays"]
        and low not in words["person_titles"]
        and low not in words["regulator_heads"]
        and low not in words["place_compound_block"]
    )


def _skip_place_of(ctx: ArticleContext, ref: Ref | None, k: int) -> int:
    """Return the token before an "of [the] <place>" that ends at ``k`` (else ``k``)."""
    if ref is None or ctx.entities[ref.key].type not in _PLACE_TYPES:
        return k
    q = ref.start - 1
    if q > 0 and ctx.lower[q] == "the":
        q -= 1
    if q > 0 and ctx.lower[q] == "of":
        return q - 1
    return k


def _list_partners(ctx: ArticleContext, res: Resources, headline: list[bool]) -> None:
    """Find unknown firms listed with a known one ("to G42 and Humain").

    "Alibaba, Tencent and Zhipu": likewise.

    A coordination of one-word items joined by "," and a final "and"/"or", inside one
    sentence, where at least one item is a known company and every other item is either
    an entity or a capitalised unknown word (:func:`_list_item_ok`); each unknown item
    is a company. The list must end at a boundary (punctuation or a lower-case word),
    not run on into a longer name or a chip noun.
    """
    low, orth = ctx.lower, ctx.orth
    n = len(low)
    chip_nouns = res.words["chip_nouns"]
    i = 0
    while i < n:
        if low[i] not in ("and", "or") or i == 0 or i + 1 >= n:
            i += 1
            continue
        s = ctx.sent_of[i]
        if s < 0 or headline[s]:
            i += 1
            continue
        # items: walk back over "X ," pairs from the word before "and"
        items: list[tuple[int, int]] = []
        last = ctx.ref_of(i + 1)
        items.append((last.start, last.end) if last is not None else (i + 1, i + 2))
        k = i - 1
        while k >= 0 and ctx.sent_of[k] == s:
            ref = ctx.ref_of(k)
            k = _skip_place_of(ctx, ref, k)  # "G42 of the United Arab Emirates and X"
            ref = ctx.ref_of(k)
            start = ref.start if ref is not None else k
            items.append((start, k + 1))
            if start > 1 and low[start - 2] in _PLURAL_DESCRIPTORS:
                break  # "two Gulf companies, G42 and Humain": the head, not an item
            if start > 0 and low[start - 1] == "," and ctx.sent_of[start - 1] == s:
                k = start - 2
                continue
            break
        i += 1
        end = items[0][1]
        if end < n and (
            low[end] in chip_nouns
            or (ctx.ref_of(end) is None and _CAP.match(orth[end]) and orth[end][:1].isalpha())
        ):
            continue
        known, ok = False, True
        unknown: list[int] = []
        for a, b in items:
            ref = ctx.ref_of(a)
            if ref is not None and ref.start == a and ref.end == b:
                if ctx.entities[ref.key].type is not EntityType.Company:
                    ok = False  # "Nvidia and China": a list of firms only
                    break
                known = True
            elif b == a + 1 and _list_item_ok(ctx, res, a):
                unknown.append(a)
            else:
                ok = False
                break
        if not ok or not known or not unknown:
            continue
        for a in unknown:
            if low[a] in res.words["company_suffixes"]:
                # "Samsung Electronics, SK Group and ...": the suffix's name goes with it
                if a > 0 and orth[a - 1][:1].isupper() and ctx.free(a - 1, a):
                    _new(ctx, res, a - 1, a + 1, EntityType.Company, "mention.company-list-partner")
                continue  # a lone "Group" names no firm
            _new(ctx, res, a, a + 1, EntityType.Company, "mention.company-list-partner")


# -- pass 4 -------------------------------------------------------------------

_RESOLVED_RULES = frozenset(
    {"mention.gazetteer", "mention.metonymy", "mention.short-form", "mention.abbreviation"}
)


def _repeat_mentions(ctx: ArticleContext) -> None:
    """Resolve every other use of a name that a pattern or context found once.

    "Zorvex, a Malaysian start-up, ..." makes "Zorvex" a firm; "Regulators approved
    Zorvex" later in the story names the same firm though no rule fires there. Only
    exact, capitalised surface forms count, and not inside a longer capitalised run.
    """
    orth = ctx.orth
    n = len(orth)
    names: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    seen: set[tuple[str, ...]] = set()
    for ref in ctx.refs:
        if ref.rule in _RESOLVED_RULES:
            continue
        toks = tuple(orth[ref.start : ref.end])
        if toks in seen or not toks[0][:1].isupper() or toks[0] in _NOT_NAMES:
            continue
        seen.add(toks)
        if len(toks) == 1 and (len(toks[0]) < 3 or toks[0] in _LEADING):
            continue
        names.setdefault(toks[0], []).append((toks, ref.key))
    if not names:
        return
    for candidates in names.values():
        candidates.sort(key=lambda f: -len(f[0]))
    for i in [i for i, w in enumerate(orth) if w in names]:
        found = names[orth[i]]
        if ctx.ref_at[i] >= 0:
            continue
        for toks, key in found:
            end = i + len(toks)
            if end > n or tuple(orth[i:end]) != toks or not ctx.free(i, end):
                continue
            if end < n and ctx.ref_at[end] < 0 and orth[end].istitle() and orth[end].isalpha():
                break  # "Helix Systems": part of a longer name
            if (
                i > 0
                and ctx.ref_at[i - 1] < 0
                and orth[i - 1].istitle()
                and orth[i - 1].isalpha()
                and orth[i - 1] not in _NOT_NAMES
                and orth[i - 1] not in _LEADING
                and ctx.sent_of[i - 1] == ctx.sent_of[i]
                and ctx.sentences[ctx.sent_of[i]].start != i - 1
            ):
                break
            ctx.add_ref(i, end, key, "mention.repeat")
            break


def _merge_short_firms(ctx: ArticleContext, res: Resources) -> None:
    """Fold a one-word firm found by context into the longer firm it abbreviates.

    "Yotta said" after "Yotta Data Services bought chips" names one firm, not two: when
    exactly one multi-word firm of the article starts with the word, the word's entity
    and its references move to it.
    """
    longer: dict[str, list[str]] = {}
    for key, rec in ctx.entities.items():
        parts = rec.label.split()
        if rec.type is EntityType.Company and len(parts) >= 2:
            longer.setdefault(parts[0], []).append(key)
            if len(parts) >= 3 and _is_place_word(res, parts[0]):
                # "Suzhou Hanxin Microelectronics ... Hanxin said": the name after the place
                longer.setdefault(parts[1], []).append(key)
    if not longer:
        return
    for key, rec in list(ctx.entities.items()):
        if rec.type is not EntityType.Company or " " in rec.label or rec.wikidata:
            continue
        targets = longer.get(rec.label)
        if not targets or len(targets) != 1 or res.lookup(rec.label) is not None:
            continue
        target = targets[0]
        for ref in ctx.refs:
            if ref.key == key:
                ref.key = target
        ctx.entities[target].aliases.add(rec.label)
        del ctx.entities[key]


def _speaking_persons(ctx: ArticleContext, res: Resources) -> None:
    """Fold a one-word "X said" speaker into the one person of the article so named.

    "Anwar says ..." (a headline) and "Prime Minister Anwar Ibrahim said ...": a speaker
    taken for a firm only because it speaks, whose word is the first or last name of
    exactly one person of the article, is that person.
    """
    named: dict[str, list[str]] = {}
    for key, rec in ctx.entities.items():
        parts = rec.label.split()
        if rec.type is EntityType.Person and len(parts) >= 2:
            for part in {parts[0], parts[-1]}:
                named.setdefault(part, []).append(key)
    if not named:
        return
    for key, rec in list(ctx.entities.items()):
        if rec.type is not EntityType.Company or rec.wikidata or len(named.get(rec.label, ())) != 1:
            continue
        refs = [ref for ref in ctx.refs if ref.key == key]
        if any(ref.rule != "mention.speaker" for ref in refs) or res.lookup(rec.label) is not None:
            continue
        target = named[rec.label][0]
        for ref in refs:
            ref.key = target
        ctx.entities[target].aliases.add(rec.label)
        del ctx.entities[key]


_NAME_ENDS = _WORDS["name_ends"]
_REQUEST_NOUNS = _WORDS["request_nouns"]
_LED_VERBS = _WORDS["led_verbs"]
_NAME_PARTICLES = _WORDS["name_particles"]
#: last words that make a capitalised run a firm or fund, not a person
_BODY_WORDS = _WORDS["body_words"]


def _person_name_end(ctx: ArticleContext, k: int) -> int:
    """Return the end of a person's name starting at ``k`` ("Tareq Amin", "Mohammed bin Salman").

    Two to four words, capitalised or a name particle between capitalised words, none of
    them claimed; ``k`` when no such name starts there.
    """
    orth, low = ctx.orth, ctx.lower
    n = len(orth)
    j, caps = k, 0
    while j < n and j - k < 4:
        if (
            _CAP.match(orth[j])
            and orth[j][:1].isalpha()
            and orth[j] not in _NOT_NAMES
            and ctx.ref_of(j) is None
        ):
            caps += 1
        elif not (low[j] in _NAME_PARTICLES and j > k and j + 1 < n and _CAP.match(orth[j + 1])):
            break
        j += 1
    if caps < 2 or orth[j - 1] in _BODY_WORDS or orth[j - 1] in _COMPANY_SUFFIX_WORDS:
        return k
    if j < n and ctx.ref_of(j) is not None and _CAP.match(orth[j]):
        return k  # "Commerce Secretary Howard Lutnick": the run goes on into a known name
    return _hyphen_end(ctx, j)


_COMPANY_SUFFIX_WORDS = _WORDS["company_suffix_words"]


def _led_by(ctx: ArticleContext, res: Resources, headline: list[bool]) -> None:
    """Find people after "led/run/chaired/headed by" and the firm they lead.

    "Humain is led by Tareq Amin", "Humain, chaired by A and run by chief executive B":
    the name after "by" (titles skipped) is a person when it looks like one, and an
    unknown capitalised name before "is led by" or ", chaired by" is a firm.
    """
    low, orth = ctx.lower, ctx.orth
    n = len(low)
    titles = res.words["person_titles"] | res.words["leader_titles"]
    for i in range(2, n - 2):
        if low[i] in ("by", "from") and low[i - 1] in _REQUEST_NOUNS and ctx.ref_of(i + 1) is None:
            end = _cap_run(ctx, i + 1, 3)  # "a request by Daeho to export ..."
            if (
                end > i + 1
                and end < n
                and low[end] in ("to", "for", ",", "and", ".")
                and not _is_placeish(res, orth[i + 1 : end])
                and not headline[ctx.sent_of[i]]
            ):
                _new(ctx, res, i + 1, end, EntityType.Company, "mention.company-request")
            continue
        if low[i] != "by" or low[i - 1] not in _LED_VERBS:
            continue
        s = ctx.sent_of[i]
        if s < 0 or headline[s]:
            continue
        k = i + 1
        while k < n and k < i + 4 and (low[k] in titles or low[k] in ("its", "the", "former")):
            k += 1
        plain = low[k] == orth[k] or ctx.sent_of[k] != s
        end = k if plain else _person_name_end(ctx, k)
        known = ctx.ref_of(k)
        if known is None:
            if (
                end == k
                or any(low[m] in titles for m in range(k, end))
                or (end < n and low[end] not in _NAME_ENDS)
            ):
                continue
            _new(ctx, res, k, end, EntityType.Person, "mention.person-led-by")
        elif ctx.entities[known.key].type is not EntityType.Person:
            continue
        # the firm: "X is led by", "X, chaired by"
        j = i - 2
        if j > 0 and low[j] in ("is", "was", "been", "being") and low[j - 1] in ("has", "had"):
            j -= 1
        if j > 0 and low[j] in ("is", "was", ",", "has", "had"):
            start = _cap_run_back(ctx, j, 3)
            if (
                start < j
                and ctx.sentences[s].start <= start
                and ctx.free(start, j)
                and not _is_placeish(res, orth[start:j])
                and not any(orth[m] in _NOT_NAMES for m in range(start, j))
            ):
                _new(ctx, res, start, j, EntityType.Company, "mention.company-led-by")
