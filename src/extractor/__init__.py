"""extractor: rule-based, evidence-linked extraction of project records from news articles."""

__version__ = "0.1.0"
SCHEMA_VERSION = 1
