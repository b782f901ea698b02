# upgrade: approval-positions
# Stores written before the approval positions existed: give each approval's grantees
# their position edge to the chip (ckg:approvedFor, ckg:underReviewFor, ckg:deniedFor) in
# the approval's article graph, as the mapping now writes it. Idempotent.
PREFIX ckg: <https://w3id.org/chipkg/ontology#>
INSERT { GRAPH ?g { ?grantee ?position ?chip } }
WHERE {
  VALUES (?status ?position) {
    (ckg:Granted ckg:approvedFor) (ckg:Conditional ckg:approvedFor)
    (ckg:UnderReview ckg:underReviewFor) (ckg:Denied ckg:deniedFor)
  }
  GRAPH ?g { ?approval ckg:status ?status ; ckg:grantee ?grantee ; ckg:chip ?chip }
  FILTER NOT EXISTS { GRAPH ?g { ?grantee ?position ?chip } }
}
