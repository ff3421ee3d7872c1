// A live blog's page receives new, edited and deleted updates through Server-Sent Events.
//
// New updates wait behind a "N new updates" button, so the text never moves under the
// reader; edits and deletions apply in place (the browser's scroll anchoring keeps the
// reader's place). EventSource reconnects by itself and sends Last-Event-ID, so the server
// replays what was missed. Without JavaScript, a reload shows the latest.
(() => {
    "use strict";

    const root = document.querySelector("[data-live-blog]");
    if (!root || !root.dataset.eventsUrl || root.dataset.state !== "live" || !window.EventSource) {
        return;
    }
    const updates = root.querySelector("[data-updates]");
    const pinned = root.querySelector("[data-pinned]");
    const keyEventsBox = root.querySelector("[data-key-events-box]");
    const keyEvents = root.querySelector("[data-key-events]");
    const newButton = root.querySelector("[data-new-updates]");
    const status = root.querySelector("[data-live-status]");
    const waiting = new Map(); // entry id -> its data, for updates not yet shown
    // The words come translated with the page (live/live_blog_page.html): data-text-*, and
    // "N new updates" in each plural category of the page's language (data-new-<category>).
    const texts = root.dataset;
    const language = document.documentElement.lang || undefined;
    const plurals = window.Intl && Intl.PluralRules ? new Intl.PluralRules(language) : null;

    function newUpdates(count) {
        const category = plurals ? plurals.select(count) : count === 1 ? "one" : "other";
        const key = `new${category.charAt(0).toUpperCase()}${category.slice(1)}`;
        const words = texts[key] || texts.newOther || "{count}";
        return words.replace("{count}", count.toLocaleString(language));
    }

    function fromHtml(html) {
        const template = document.createElement("template");
        template.innerHTML = html.trim();
        return template.content.firstElementChild;
    }

    // Newest first, as the server renders them.
    function insertByTime(container, element) {
        const posted = Number(element.dataset.posted);
        const later = [...container.children].find(
            (child) => child.dataset.posted && Number(child.dataset.posted) < posted,
        );
        container.insertBefore(element, later || null);
    }

    function findEntry(id) {
        return root.querySelector(`.live-entry[data-entry="${id}"]`);
    }

    function setKeyEvent(data) {
        const old = keyEvents.querySelector(`[data-entry="${data.entry}"]`);
        if (old) old.remove();
        if (data.key_event_html) insertByTime(keyEvents, fromHtml(data.key_event_html));
        keyEventsBox.hidden = !keyEvents.children.length;
    }

    function show(data) {
        const element = fromHtml(data.html);
        const old = findEntry(data.entry);
        if (old) old.remove();
        insertByTime(data.pinned ? pinned : updates, element);
        pinned.hidden = !pinned.children.length;
        const empty = root.querySelector("[data-no-updates]");
        if (empty) empty.remove();
        setKeyEvent(data);
        return element;
    }

    function remove(id) {
        waiting.delete(id);
        const old = findEntry(id);
        if (old) old.remove();
        setKeyEvent({ entry: id, key_event_html: "" });
        pinned.hidden = !pinned.children.length;
    }

    function updateButton() {
        const count = waiting.size;
        newButton.hidden = count === 0;
        newButton.textContent = newUpdates(count);
    }

    function showWaiting() {
        const shown = [...waiting.values()]
            .sort((a, b) => a.posted_at - b.posted_at)
            .map(show);
        waiting.clear();
        updateButton();
        const newest = shown.filter((element) => element.parentElement === updates).pop() || shown.pop();
        if (newest) {
            newest.setAttribute("tabindex", "-1");
            newest.focus({ preventScroll: true });
            newest.scrollIntoView({ block: "start", behavior: "smooth" });
        }
    }

    function setStatus(text) {
        status.textContent = text;
        status.hidden = !text;
    }

    function ended() {
        root.dataset.state = "ended";
        root.classList.add("live-blog--ended");
        root.querySelector("[data-ended-notice]").hidden = false;
        const badge = root.querySelector("[data-live-badge]");
        if (badge) badge.textContent = texts.textEnded || "";
    }

    const handlers = {
        posted(data) {
            waiting.set(data.entry, data);
            updateButton();
        },
        edited(data) {
            if (waiting.has(data.entry)) {
                waiting.set(data.entry, data); // shown with the button, as edited
            } else if (findEntry(data.entry)) {
                show(data);
            } else {
                setKeyEvent(data); // an update on an older page: only its summary line is here
            }
        },
        deleted(data) {
            remove(data.entry);
            updateButton();
        },
        state(data) {
            if (data.state !== "ended") return;
            ended();
            source.close();
        },
        reload() {
            window.location.reload();
        },
    };

    newButton.addEventListener("click", showWaiting);
    const url = new URL(root.dataset.eventsUrl, window.location.href);
    url.searchParams.set("last_event_id", root.dataset.lastEventId || "0");
    const source = new EventSource(url);
    source.addEventListener("open", () => {
        root.dataset.connected = "true";
        setStatus("");
    });
    source.addEventListener("error", () => {
        root.dataset.connected = "false";
        if (source.readyState === EventSource.CONNECTING) setStatus(texts.textReconnecting || "");
    });
    source.addEventListener("message", (event) => {
        let data;
        try {
            data = JSON.parse(event.data);
        } catch (error) {
            return;
        }
        const handle = handlers[data.kind];
        if (handle) handle(data);
    });
})();
