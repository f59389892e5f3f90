// Material's search overlay is a dialog without a name; screen readers announce it as "Search".
document.querySelectorAll(".md-search[role='dialog']").forEach((el) => el.setAttribute("aria-label", "Search"));

// Version pages: one button shows or hides the base claims this version dropped, at their place.
document.querySelectorAll("button[data-rt-toggle]").forEach((button) => {
  const targets = document.querySelectorAll("." + button.dataset.rtToggle);
  button.hidden = false;
  button.addEventListener("click", () => {
    const show = button.getAttribute("aria-pressed") !== "true";
    targets.forEach((el) => { el.hidden = !show; });
    button.setAttribute("aria-pressed", String(show));
  });
});

// The claims list: radio buttons filter its items by the versions carrying each claim; sections
// left empty are hidden with their heading, and a status line says how many claims are shown.
document.querySelectorAll("form.rt-filter").forEach((form) => {
  const items = [...document.querySelectorAll(".rt-f")].map((f) => ({ li: f.closest("li"), f }));
  const every = Number(form.dataset.versions);
  const status = form.querySelector("[role='status']");
  const tests = {
    all: () => true,
    every: (f) => f.dataset.in.split(" ").length === every,
    changed: (f) => "changed" in f.dataset,
    only: (f) => f.dataset.in === form.elements["rt-only"].value,
  };
  const apply = () => {
    const test = tests[form.elements["rt-filter"].value];
    let shown = 0;
    items.forEach(({ li, f }) => { li.hidden = !test(f); shown += li.hidden ? 0 : 1; });
    document.querySelectorAll("article ul").forEach((ul) => {
      if (!ul.querySelector(".rt-f")) return;
      const empty = !ul.querySelector("li:not([hidden])");
      ul.hidden = empty;
      const heading = ul.previousElementSibling;
      if (heading && /^H[2-6]$/.test(heading.tagName)) heading.hidden = empty;
    });
    status.textContent = `${shown} of ${items.length} claims shown.`;
  };
  form.hidden = false;
  form.addEventListener("change", (event) => {
    if (event.target.name === "rt-only") form.elements["rt-filter"].value = "only";
    apply();
  });
  form.addEventListener("submit", (event) => event.preventDefault());
});

// Pages the navigation leaves out (claim pages): the sidebar still shows where the reader is, by
// marking the nearest page up the address that it lists (for a claim, the claims index).
const nav = document.querySelector(".md-nav--primary");
if (nav && !nav.querySelector("a.md-nav__link--active")) {
  const links = [...nav.querySelectorAll("a.md-nav__link")];
  const url = new URL(location.href);
  url.hash = "";
  url.search = "";
  let place;
  while (!place && url.pathname !== "/") {
    url.pathname = url.pathname.replace(/[^/]*\/?$/, "");
    place = links.find((a) => a.href === url.href);
  }
  if (place && place.href !== new URL(nav.querySelector("a.md-nav__link").href).href) {
    place.classList.add("md-nav__link--active");
    place.setAttribute("aria-current", "location");
  }
}
