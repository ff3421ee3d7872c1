// The header's "Audio Only" opens the pop-out player in a small window of its own, which
// keeps playing while the reader moves between pages in this one. Without JavaScript, or
// if the browser refuses pop-ups, the link opens the same player in a new tab.
(() => {
    "use strict";

    const WINDOW_NAME = "newsdesk-audio-only";
    const FEATURES = "popup=yes,width=460,height=420";

    document.addEventListener("click", (event) => {
        const link = event.target.closest("a[data-live-popout]");
        if (!link || event.defaultPrevented || event.button !== 0) return;
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        const player = window.open(link.href, WINDOW_NAME, FEATURES);
        if (player) {
            event.preventDefault();
            player.focus();
        }
    });

    // The pop-out says when it plays, so the header can show that it is.
    if ("BroadcastChannel" in window) {
        const channel = new BroadcastChannel("newsdesk-live");
        channel.addEventListener("message", (event) => {
            const listening = Boolean(event.data && event.data.listening);
            document.querySelectorAll(".live-link--listen").forEach((link) => {
                link.classList.toggle("is-listening", listening);
            });
        });
        channel.postMessage({ ask: true }); // a pop-out already playing answers
    }
})();
