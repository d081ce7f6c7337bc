"""The Word documents' colours (hex, no #) and text width, shared by ``docx`` and ``docx_tables``."""

ACCENT = "1F5F5B"
INK = "1E2B2A"
MUTED = "5C6B6A"
RULE = "C8D3D2"
ZEBRA = "F2F6F6"
QUOTE_FILL = "E6EFEE"
ESTIMATE_FILL = "FBF3E4"
WARNING = "9A3412"
TEXT_WIDTH_CM = 16.6
