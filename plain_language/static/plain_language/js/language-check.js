// The language check as a member types: advice under each part of the story form.
// Progressive: without this script the form shows the same advice when it is submitted.
// Everything is written with textContent, never as HTML.

const WAIT_AFTER_TYPING_MS = 1000;

function paragraph(text, className) {
    const element = document.createElement("p");
    element.textContent = text;
    if (className) element.className = className;
    return element;
}

function showAdvice(box, advice) {
    box.replaceChildren();
    if (!advice.findings.length && !advice.readability) return;
    const inset = document.createElement("div");
    inset.className = "ds_inset-text";
    const text = document.createElement("div");
    text.className = "ds_inset-text__text";
    if (advice.findings.length) {
        const title = paragraph("", "site-language-advice__title");
        const strong = document.createElement("strong");
        strong.textContent = "Wording to think about";
        title.append(strong, " (advice only: you can send your story as it is)");
        const list = document.createElement("ul");
        list.className = "site-language-advice__list";
        for (const finding of advice.findings) {
            const item = document.createElement("li");
            item.textContent = `Instead of “${finding.found}”, try “${finding.suggestion}”. ${finding.why}`;
            list.append(item);
        }
        text.append(title, list);
    }
    if (advice.readability) {
        const { score, label } = advice.readability;
        text.append(
            paragraph(`Reading ease: ${score} out of 100, ${label}.`, "site-language-advice__readability"),
        );
    }
    inset.append(text);
    box.append(inset);
}

function watch(form, box, url) {
    const field = form.querySelector(`#id_${box.dataset.languageAdviceFor}`);
    const token = form.querySelector("input[name=csrfmiddlewaretoken]");
    const seen = form.querySelector("input[name=language_checked]");
    if (!field || !token) return;
    let timer = null;
    let lastChecked = field.value;
    field.addEventListener("input", () => {
        clearTimeout(timer);
        timer = setTimeout(async () => {
            if (field.value === lastChecked) return;
            lastChecked = field.value;
            const body = new FormData();
            body.append("text", field.value);
            body.append("csrfmiddlewaretoken", token.value);
            try {
                const response = await fetch(url, {
                    method: "POST",
                    body,
                    credentials: "same-origin",
                    headers: { "X-CSRFToken": token.value },
                });
                if (!response.ok) return; // advice only: a refused or failed check changes nothing
                showAdvice(box, await response.json());
                // The member has seen the advice as they typed: submitting sends the story.
                if (seen) seen.value = "1";
            } catch {
                // Offline or the server away: the advice comes on submit instead.
            }
        }, WAIT_AFTER_TYPING_MS);
    });
}

for (const form of document.querySelectorAll("form[data-language-check-url]")) {
    const url = form.dataset.languageCheckUrl;
    for (const box of form.querySelectorAll("[data-language-advice-for]")) watch(form, box, url);
}
