"""attribution: who stands behind every claim of a news article."""
from .engine import Engine, audit
from .model import Article, Audit, Claim
from .read import ReadError, read_text

__version__ = "0.1.0"
__all__ = ["Engine", "audit", "Article", "Audit", "Claim", "ReadError", "read_text", "__version__"]
