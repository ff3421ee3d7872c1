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
