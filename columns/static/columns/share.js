/* The share buttons of an article or a document (columns/includes/share.html): copy the
   link, and Zalo through the phone's share sheet where there is one. */
(function () {
  "use strict";
  // Copy link.
  var copy = document.querySelector("[data-copy-link]");
  if (copy) {
    copy.addEventListener("click", function () {
      var url = copy.getAttribute("data-copy-link");
      var done = function () { copy.textContent = copy.getAttribute("data-copied"); };
      if (navigator.clipboard) { navigator.clipboard.writeText(url).then(done); }
      else { window.prompt("", url); }
    });
  }

  // Zalo: the phone's share sheet (which lists Zalo) where there is one; else copy the link.
  var zalo = document.querySelector("[data-zalo-share]");
  if (zalo && navigator.share) {
    zalo.addEventListener("click", function (event) {
      event.preventDefault();
      navigator.share({ title: document.title, url: copy ? copy.getAttribute("data-copy-link") : location.href })
        .catch(function () {});
    });
  }
})();
