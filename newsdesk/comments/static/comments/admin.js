// The moderation queue's "select all": ticks every card's checkbox on this page.
document.addEventListener("change", (event) => {
    if (!event.target.matches("[data-cm-select-all]")) return;
    document.querySelectorAll(".cm-card__select input[type=checkbox]").forEach((box) => {
        box.checked = event.target.checked;
    });
});
