"""chipkg: a knowledge-graph store for news about the AI-chip trade."""

from chipkg.ontology.errors import ChipKGError

__version__ = "0.1.0"

__all__ = ["ChipKGError", "__version__"]
