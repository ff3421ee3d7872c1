"""Reading the search page's HTML in tests."""

import re


def found(html):
    """The headlines of the results, in order, without the <mark> tags."""
    headlines = re.findall(r'class="search-result__headline"[^>]*><a [^>]*>(.*?)</a>', html)
    return [re.sub(r"</?mark>", "", headline) for headline in headlines]


def summary(html):
    return re.search(r'class="search-summary"[^>]*>(.*?)</p>', html).group(1)


def notices(html):
    return re.findall(r'class="search-notices__item">(.*?)</p>', html)
