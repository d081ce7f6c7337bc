"""svdesk: an offline social value desk for sole traders and small CICs."""

__version__ = "0.1.0"
APP_NAME = "svdesk"
