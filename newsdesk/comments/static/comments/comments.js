// Reader comments, progressively enhanced. Without this file the article links to the
// comments page, where the list and the form work as plain HTML.
// With it: the count fills in, the list and form load into the article when the reader
// nears them, and posting, replying, sorting and paging happen without a reload.
// All HTML inserted here was rendered and escaped by the server.
(function () {
    "use strict";

    const JSON_HEADERS = { Accept: "application/json" };

    // The words come from the server, in the article's language: "12 comentarios".
    function showCount(words) {
        if (!words) return;
        document.querySelectorAll("[data-comments-count-label]").forEach((label) => {
            label.textContent = words;
        });
    }

    function fillCount() {
        const link = document.querySelector("[data-comments-count]");
        if (!link) return;
        fetch(link.dataset.commentsCount, { headers: JSON_HEADERS })
            .then((response) => (response.ok ? response.json() : null))
            .then((data) => data && showCount(data.label))
            .catch(() => {});
    }

    // --- loading the list into the article ------------------------------------------------

    function load(section, url, { focus = false } = {}) {
        const body = section.querySelector("[data-comments-body]");
        section.setAttribute("aria-busy", "true");
        return fetch(url, { headers: { Accept: "text/html" }, credentials: "same-origin" })
            .then((response) => {
                if (!response.ok) throw new Error(response.status);
                return response.text();
            })
            .then((html) => {
                body.innerHTML = html;
                enhance(section);
                if (focus) section.scrollIntoView({ block: "start" });
            })
            .catch(() => {}) // the plain link to the comments page stays in place
            .finally(() => section.removeAttribute("aria-busy"));
    }

    function loadWhenNear(section) {
        const start = () => load(section, section.dataset.commentsSrc);
        // Most readers never scroll to the comments: fetch them only when they might.
        if (location.hash.startsWith("#comment") || !("IntersectionObserver" in window)) {
            start();
            return;
        }
        const observer = new IntersectionObserver(
            (entries) => {
                if (entries.some((entry) => entry.isIntersecting)) {
                    observer.disconnect();
                    start();
                }
            },
            { rootMargin: "800px 0px" },
        );
        observer.observe(section);
    }

    // --- the form -------------------------------------------------------------------------

    function formParts(section) {
        const form = section.querySelector("[data-comments-form]");
        return form && {
            form,
            parent: form.querySelector("[name=parent]"),
            body: form.querySelector("textarea"),
            replying: form.querySelector("[data-replying]"),
            title: form.querySelector("[data-form-title]"),
            home: section.querySelector("[data-comments-compose]"),
        };
    }

    function updateCounter(textarea) {
        const counter = textarea.form.querySelector("[data-counter]");
        const limit = Number(textarea.dataset.maxLength);
        if (!counter || !limit) return;
        const used = [...textarea.value].length;
        // Never cut what the reader typed: say how far over they are instead. The words
        // are the form's (comments/includes/form.html), in the article's language.
        const lang = document.documentElement.lang || undefined;
        const words = used > limit ? counter.dataset.over : counter.dataset.left;
        counter.textContent = (words || "{count}").replace(
            "{count}",
            Math.abs(limit - used).toLocaleString(lang),
        );
        counter.classList.toggle("is-over", used > limit);
    }

    function replyTo(section, link) {
        const parts = formParts(section);
        if (!parts) return;
        const comment = link.closest("[data-comment]");
        comment.querySelector(".comment__card").after(parts.form);
        parts.parent.value = link.dataset.replyTo;
        parts.replying.hidden = false;
        parts.replying.querySelector("[data-replying-name]").textContent = link.dataset.replyName;
        parts.title.textContent = parts.title.dataset.titleReply.replace("{name}", link.dataset.replyName);
        parts.body.focus();
    }

    function cancelReply(section) {
        const parts = formParts(section);
        if (!parts) return;
        parts.home.appendChild(parts.form);
        parts.parent.value = "";
        parts.replying.hidden = true;
        parts.title.textContent = parts.title.dataset.titleNew;
    }

    function insertComment(section, data) {
        if (document.getElementById("comment-" + data.id)) return; // a resent comment
        const template = document.createElement("template");
        template.innerHTML = data.html.trim();
        const item = template.content.firstElementChild;
        const thread = section.querySelector("[data-comments-thread]");
        if (data.parent) {
            const parent = document.getElementById("comment-" + data.parent);
            let replies = parent.querySelector(":scope > .comment__replies");
            if (!replies) {
                replies = document.createElement("ol");
                replies.className = "comment__replies";
                parent.appendChild(replies);
            }
            replies.appendChild(item);
        } else {
            let list = section.querySelector("[data-comments-list]");
            if (!list) {
                list = document.createElement("ol");
                list.className = "comments__list";
                list.dataset.commentsList = "";
                section.querySelector("[data-comments-empty]")?.replaceWith(list);
            }
            if (thread.dataset.order === "oldest") list.appendChild(item);
            else list.prepend(item);
        }
        item.classList.add("is-new");
        item.scrollIntoView({ block: "nearest" });
    }

    function say(section, message) {
        let status = section.querySelector("[data-comments-status]");
        if (!status) {
            status = document.createElement("p");
            status.className = "comments__message";
            status.setAttribute("role", "status");
            status.dataset.commentsStatus = "";
            section.querySelector("[data-comments-compose]").prepend(status);
        }
        status.textContent = message;
    }

    function submit(section, form) {
        const button = form.querySelector("button[type=submit]");
        button.disabled = true;
        fetch(form.action, {
            method: "POST",
            body: new FormData(form),
            headers: JSON_HEADERS,
            credentials: "same-origin",
        })
            .then((response) => response.json().then((data) => ({ response, data })))
            .then(({ response, data }) => {
                if (response.ok) {
                    cancelReply(section);
                    // Not form.reset(): after a refusal the defaults are the refused text.
                    form.querySelector("textarea").value = "";
                    updateCounter(form.querySelector("textarea"));
                    form.querySelector("[data-form-problem]")?.remove();
                    // Each form token makes one comment: the next one needs a fresh token.
                    form.querySelector("[name=form_token]").value = data.form_token;
                    insertComment(section, data);
                    say(section, data.message);
                    showCount(data.count_label);
                    section.querySelector("[data-comments-total]").textContent = data.count_label;
                    return;
                }
                // The server sends the form back with the reason and everything typed.
                const template = document.createElement("template");
                template.innerHTML = data.form.trim();
                const fresh = template.content.querySelector("[data-comments-form]");
                form.replaceWith(fresh);
                fresh.querySelector("[data-form-problem]")?.focus();
                fresh.querySelectorAll("textarea").forEach(updateCounter);
            })
            .catch(() => {
                // Offline or the server failed: keep the text, and let the browser post it.
                say(section, section.querySelector("[data-comments-compose]").dataset.sendFailed);
            })
            .finally(() => {
                button.disabled = false;
            });
    }

    function enhance(section) {
        if (section.dataset.commentsEnhanced) return;
        section.dataset.commentsEnhanced = "true";
        section.addEventListener("submit", (event) => {
            const form = event.target.closest("[data-comments-form]");
            if (!form) return;
            event.preventDefault();
            submit(section, form);
        });
        section.addEventListener("input", (event) => {
            if (event.target.matches("textarea[data-max-length]")) updateCounter(event.target);
        });
        section.addEventListener("click", (event) => {
            const reply = event.target.closest("[data-reply-to]");
            const cancel = event.target.closest("[data-cancel-reply]");
            const nav = event.target.closest("a[data-fragment]");
            if (reply) {
                event.preventDefault();
                replyTo(section, reply);
            } else if (cancel) {
                event.preventDefault();
                cancelReply(section);
            } else if (nav && section.dataset.commentsSrc) {
                event.preventDefault();
                load(section, nav.dataset.fragment, { focus: true });
            }
        });
    }

    function start() {
        fillCount();
        document.querySelectorAll("section[data-comments-src]").forEach(loadWhenNear);
        // On the comments page the list is already there: enhance it in place.
        document.querySelectorAll("section.comments:not([data-comments-src])").forEach(enhance);
    }

    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
})();
