// Gatehouse console: offers the browser's time zone to a profile that has none yet, once, so times show in the
// viewer's zone from the next page on. The layout renders this script (and its form) only for such a profile; the
// server keeps the zone only while none is chosen, so it never overrides the profile page's choice. Without script
// times stay in UTC until the person picks a zone on their profile. Loaded from 'self' only; no inline script.
"use strict";
(() => {
    const form = document.getElementById("time-zone-offer");
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    // Once per tab: a zone the server does not know is refused, and asking again on every page would not change that.
    if (!form || !zone || sessionStorage.getItem("gatehouse-time-zone-offered") === zone) {
        return;
    }
    sessionStorage.setItem("gatehouse-time-zone-offered", zone);
    form.elements.namedItem("timeZone").value = zone;
    // Same origin, with the form's antiforgery token; the answer is not needed (the next page shows the zone).
    fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" }).catch(() => { });
})();
