"""Nasty strings people really paste: from Word, PDFs, e-mails, or with bad intent.

Each entry is (name, text). ``ONE_MEGABYTE`` is kept separate because it is slow to push
through every field.
"""

NASTY = [
    ("markup", "x<y>z & <b>not bold</b> <i>unclosed <para> &amp; &lt; &#x41; ]]> <![CDATA[x]]>"),
    ("stray tags", "<b>unclosed <font color='red'>red <br/> </para></b></b></i>"),
    ("html script", "<script>alert('x')</script><img src=x onerror=alert(1)>"),
    ("control characters", "bell\x07 backspace\x08 vertical\x0b formfeed\x0c escape\x1b[31m end\x7f"),
    ("nul byte", "before\x00after"),
    ("right to left", "שלום עולם \u202eevil\u202c مرحبا بالعالم"),
    ("emoji", "Great day 🚲🎉👩🏽‍🔧 🏳️‍🌈 — thanks! 😀"),
    ("polish welsh accents", "Łukasz Żółć, Siân Llŷr, Zoë Brontë, Ærøskøbing, Đorđe, straße, € £ — ‘quotes’ “double”"),
    ("sql", "Robert'); DROP TABLE stories;-- \" OR 1=1 -- ; SELECT * FROM organisation"),
    ("format strings", "%s %d %(name)s {0} {name} {{}} ${HOME} %n %x $(rm -rf /)"),
    ("markdown", "# Not a heading\n* not a list\n[link](http://x) `code` **bold** _it_ | table |"),
    ("whitespace", "   leading\t\ttabs\r\nwindows\rmac\n\n\nblank lines   \u00a0nbsp\u2028line sep\u2029para sep"),
    ("surrogates and odd", "lone \ud800 surrogate? \ufeffBOM \ufffd replacement \u200bzero width"),
    ("long word", "Pneumonoultramicroscopicsilicovolcanoconiosis" * 40),
    ("fts syntax", "\"AND OR ( NEAR( * ^ : - NOT \"unbalanced"),
]

ONE_MEGABYTE = ("A long paste from a report. " * 40000)[: 1024 * 1024]


def safe_for_storage(text: str) -> str:
    """What Python can encode as UTF-8 (lone surrogates cannot be stored anywhere)."""
    return text.encode("utf-8", "replace").decode("utf-8")
