// The reader's edition, remembered in a cookie only this script reads: the server never
// sees it (Varnish drops it), so every reader of a URL gets the same cached page. The
// default edition's front page (the home URL) then takes them to their edition's front
// page; crawlers keep no cookies and are never sent on.
(function () {
  "use strict";
  var NAME = "newsdesk_edition";
  var root = document.documentElement;
  var chosen = (document.cookie.match(new RegExp("(?:^|;\\s*)" + NAME + "=([a-z-]+)")) || [])[1];
  if (chosen && chosen !== root.lang && root.hasAttribute("data-edition-home")) {
    var front = document.querySelector('link[rel="alternate"][hreflang="' + chosen + '"]');
    if (front) {
      window.location.replace(front.href);
    }
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-edition]");
    if (link) {
      document.cookie = NAME + "=" + link.getAttribute("data-edition") +
        "; path=/; max-age=31536000; samesite=lax";
    }
  });
})();
