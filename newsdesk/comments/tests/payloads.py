"""Hostile input thrown at every comment field by test_safety.py and test_browser.py.

Each payload that could run would set window.__xss or open a dialog; none should.
"""

XSS_PAYLOADS = [
    "<script>window.__xss=1;alert(1)</script>",
    '"><script>window.__xss=1</script>',
    "<img src=x onerror=\"window.__xss=1;alert('img')\">",
    "<svg onload=window.__xss=1>",
    "<svg><script>window.__xss=1</script></svg>",
    '<iframe src="javascript:window.parent.__xss=1"></iframe>',
    "javascript:window.__xss=1//",
    '<a href="javascript:window.__xss=1">click me</a>',
    "<body onload=window.__xss=1>",
    "<details open ontoggle=window.__xss=1>",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>",
    "'';!--\"<XSS>=&{()}",
    "&lt;script&gt;window.__xss=1&lt;/script&gt;",
    "\uff1cscript\uff1ewindow.__xss=1\uff1c/script\uff1e",  # fullwidth brackets
    "<scr\u0000ipt>window.__xss=1</scr\u0000ipt>",  # a NUL inside the tag name
    "\u202eevil.exe\u202c harmless.txt",  # right-to-left override
    'https://example.org/"onmouseover="window.__xss=1',
    "https://example.org/<script>window.__xss=1</script>",
    "{{ 7*7 }} {% debug %} ${7*7} #{7*7}",  # template injection
    "'; DROP TABLE comments_comment; --",
    "1' OR '1'='1",
    "Robert'); DELETE FROM wagtailcore_page WHERE ('1'='1",
    "<style>body{display:none}</style>",
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
]
