// Gatehouse console: a select inside a form marked data-autosave saves as soon as a new value is picked (seed 004:
// "If a change is done it will be saved immediately"). Without this script the form's own Save button does the same,
// so every page keeps working with scripts off. Loaded from 'self' only; the pages carry no inline script.
"use strict";
// Arrow keys on a closed select change its value one step at a time: a keyboard user saves with the button instead,
// which shows while the form has focus.
document.addEventListener("keydown", (event) => {
    if (event.target instanceof HTMLSelectElement) {
        event.target.dataset.keyed = "true";
    }
});
document.addEventListener("pointerdown", (event) => {
    if (event.target instanceof HTMLSelectElement) {
        delete event.target.dataset.keyed;
    }
});
document.addEventListener("change", (event) => {
    const select = event.target;
    if (select instanceof HTMLSelectElement && !select.dataset.keyed && select.form && select.form.hasAttribute("data-autosave")) {
        select.form.requestSubmit();
    }
});
for (const form of document.querySelectorAll("form[data-autosave]")) {
    form.classList.add("autosaving");
}
