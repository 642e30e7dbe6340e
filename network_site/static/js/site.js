// Progressive enhancement only: every page works without this file.

// The design system's file-upload drop zone (4.2.0) puts its status ("No file chosen") right against
// "Choose file", with only a visually hidden comma between them, so its visible text reads "No file
// chosenChoose file…", which its accessible name does not contain (WCAG 2.5.3, axe's
// label-content-name-mismatch). A space after the status joins the two as the name does.
function spaceFileUploadStatus() {
    document.querySelectorAll(".ds_file-upload__dropzone .ds_file-upload__status").forEach((status) => {
        if (status.nextSibling && status.nextSibling.nodeType !== Node.TEXT_NODE) {
            status.after(" ");
        }
    });
}

if (window.DS && typeof window.DS.initAll === "function") {
    window.DS.initAll();
    spaceFileUploadStatus();
}
