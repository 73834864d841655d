"""Files → clean articles: decoding, parsing raw news text, the SQLite/FTS index. No Textual."""

from tui.library.article import Article, content_fingerprint

__all__ = ["Article", "content_fingerprint"]
