// Progressive enhancement only: every page works without this file.
if (window.DS && typeof window.DS.initAll === "function") {
    window.DS.initAll();
}
