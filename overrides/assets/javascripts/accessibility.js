/* Accessibility fixes to what Material's own script adds to each page, so they run after it
   (document$ emits once Material has set the page up). A file rather than an inline script,
   so that the site's Content-Security-Policy allows it as the site's own ('self'). */
document$.subscribe(function () {
  /* A wide table scrolls sideways in the wrapper Material puts around it; to be scrolled
     without a mouse it must take the keyboard focus (WCAG 2.1.1; axe:
     scrollable-region-focusable), named by the table's caption when it has one. A table
     already inside a focusable box (the compare plugin's) needs no second tab stop. */
  document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrapper) {
    if (wrapper.closest("[tabindex]:not([tabindex='-1'])")) return
    wrapper.tabIndex = 0
    var caption = wrapper.querySelector("caption")
    if (caption) {
      wrapper.setAttribute("role", "region")
      wrapper.setAttribute("aria-label", caption.textContent.trim())
    }
  })
  /* Each code block's copy button sits in a <nav> of its own, so a page with several code
     blocks has several unnamed navigation landmarks (axe: landmark-unique), none of them
     navigation. The button itself stays as it is. */
  document.querySelectorAll(".md-code__nav").forEach(function (nav) {
    nav.setAttribute("role", "none")
  })
})
