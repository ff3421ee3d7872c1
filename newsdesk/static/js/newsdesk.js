// Progressive enhancements only: every feature works without this file.
document.addEventListener("click", (event) => {
    const link = event.target.closest("[data-copy-link]");
    if (!link || !navigator.clipboard) return;
    event.preventDefault();
    navigator.clipboard.writeText(link.href).then(() => {
        const label = link.textContent;
        // The words come translated with the page (components/share_links.html).
        link.textContent = link.dataset.copyLink || label;
        link.classList.add("is-copied");
        setTimeout(() => {
            link.textContent = label;
            link.classList.remove("is-copied");
        }, 2000);
    });
});

// Times written on the day of the story (components/time.html): once that day is over in
// the newsroom's time zone, the date the page carries for it; while a teaser's story is
// fresh, how long ago it was published, in the page's language ("hace 2 horas").
const DAY = 86400000;
function newsroomDay(ms, offsetMinutes) {
    return Math.floor((ms + offsetMinutes * 60000) / DAY);
}
function ago(minutes, language) {
    let words;
    try {
        const relative = new Intl.RelativeTimeFormat(language || undefined, { numeric: "auto" });
        words = minutes < 1
            ? relative.format(0, "second") // "now", "ahora", "الآن"
            : minutes < 60
              ? relative.format(-minutes, "minute")
              : relative.format(-Math.floor(minutes / 60), "hour");
    } catch {
        return null; // no Intl, or a language it does not know: the clock time stays
    }
    // It starts the line: "Now", as a sentence would (scripts without case are unchanged).
    return words.charAt(0).toLocaleUpperCase(language || undefined) + words.slice(1);
}
for (const time of document.querySelectorAll("time[data-day]")) {
    const then = Date.parse(time.dateTime);
    const zone = /([+-])(\d\d):(\d\d)$/.exec(time.dateTime);
    if (Number.isNaN(then) || !zone) continue;
    const offset = (zone[1] === "-" ? -1 : 1) * (Number(zone[2]) * 60 + Number(zone[3]));
    const now = Date.now();
    if (newsroomDay(now, offset) !== newsroomDay(then, offset)) {
        time.textContent = time.dataset.day;
    } else if ("ago" in time.dataset && now >= then && now - then < 12 * 3600000) {
        const words = ago(Math.floor((now - then) / 60000), document.documentElement.lang);
        if (words) time.textContent = words;
    }
}
