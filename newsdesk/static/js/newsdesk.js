// Progressive enhancements only: every feature works without this file.
document.addEventListener("click", (event) => {
    const link = event.target.closest("[data-copy-link]");
    if (!link || !navigator.clipboard) return;
    event.preventDefault();
    navigator.clipboard.writeText(link.href).then(() => {
        const label = link.textContent;
        link.textContent = "Link copied";
        link.classList.add("is-copied");
        setTimeout(() => {
            link.textContent = label;
            link.classList.remove("is-copied");
        }, 2000);
    });
});

// Times written on the day of the story (components/time.html): once that day is over in
// the newsroom's time zone, the date the page carries for it; while a teaser's story is
// fresh, how long ago it was published.
const DAY = 86400000;
function newsroomDay(ms, offsetMinutes) {
    return Math.floor((ms + offsetMinutes * 60000) / DAY);
}
function ago(minutes) {
    if (minutes < 1) return "Just now";
    if (minutes < 60) return minutes === 1 ? "1 minute ago" : `${minutes} minutes ago`;
    const hours = Math.floor(minutes / 60);
    return hours === 1 ? "1 hour ago" : `${hours} hours ago`;
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
        time.textContent = ago(Math.floor((now - then) / 60000));
    }
}
