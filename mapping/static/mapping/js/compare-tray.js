// The compare tray: keeps the chosen entries (across filters and pages) in sessionStorage, says how
// many are chosen, and stops a fifth. Without this file the checkboxes and Compare button still work.
const STORAGE_KEY = "mapping-compare";

function readChosen() {
    try {
        const stored = JSON.parse(window.sessionStorage.getItem(STORAGE_KEY) || "[]");
        return Array.isArray(stored) ? stored : [];
    } catch {
        return [];
    }
}

function writeChosen(chosen) {
    try {
        window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(chosen));
    } catch {
        // Storage can be refused (private browsing): the tray then forgets between pages.
    }
}

function initCompareTray(form) {
    const max = Number(form.dataset.max) || 4;
    const tray = form.querySelector("[data-compare-tray]");
    const status = form.querySelector("[data-compare-status]");
    const boxes = Array.from(form.querySelectorAll("input[type='checkbox'][name='entry']"));
    let chosen = readChosen();

    const clear = document.createElement("button");
    clear.type = "button";
    clear.className = "ds_button ds_button--secondary ds_button--small mapping-compare-tray__clear";
    clear.textContent = "Clear choices";
    tray.append(clear);

    // The sticky tray must never cover what has focus (WCAG 2.4.11): scroll it clear.
    form.addEventListener("focusin", (event) => {
        if (tray.contains(event.target)) {
            return;
        }
        const overlap = event.target.getBoundingClientRect().bottom - tray.getBoundingClientRect().top;
        if (overlap > 0) {
            window.scrollBy({ top: overlap + 16, behavior: "instant" });
        }
    });

    function render(message) {
        boxes.forEach((box) => {
            box.checked = chosen.some((item) => item.slug === box.value);
        });
        const names = chosen.map((item) => item.title).join(", ");
        if (message) {
            status.textContent = message;
        } else if (chosen.length === 0) {
            status.textContent = `Tick 2 to ${max} entries, then compare them.`;
        } else {
            status.textContent = `${chosen.length} of ${max} chosen: ${names}.`;
        }
        clear.hidden = chosen.length === 0;
        // Stuck to the bottom of the screen only once something is chosen: with nothing ticked
        // it is the list's footer and takes no room from the entries (a phone has little).
        tray.classList.toggle("mapping-compare-tray--sticky", chosen.length > 0);
    }

    boxes.forEach((box) => {
        box.addEventListener("change", () => {
            if (box.checked) {
                if (chosen.length >= max) {
                    box.checked = false;
                    render(`You can compare up to ${max} entries. Untick one to choose another.`);
                    return;
                }
                chosen.push({ slug: box.value, title: box.dataset.title || box.value });
            } else {
                chosen = chosen.filter((item) => item.slug !== box.value);
            }
            writeChosen(chosen);
            render();
        });
    });

    clear.addEventListener("click", () => {
        chosen = [];
        writeChosen(chosen);
        render();
        if (boxes.length) boxes[0].focus();
    });

    // Entries chosen on another page of the guide go with the form as hidden fields. Fewer than
    // two: the tray says what to do, and the page stays.
    form.addEventListener("submit", (event) => {
        if (chosen.length < 2) {
            event.preventDefault();
            render(
                chosen.length === 0
                    ? `Nothing is ticked yet. Tick 2 to ${max} entries, then compare them.`
                    : "Only 1 entry is ticked. Tick at least one more to compare them.",
            );
            return;
        }
        const onThisPage = new Set(boxes.map((box) => box.value));
        chosen
            .filter((item) => !onThisPage.has(item.slug))
            .forEach((item) => {
                const hidden = document.createElement("input");
                hidden.type = "hidden";
                hidden.name = "entry";
                hidden.value = item.slug;
                form.append(hidden);
            });
    });

    render();
}

document.querySelectorAll("[data-compare-form]").forEach(initCompareTray);
