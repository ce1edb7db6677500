/* The article page's own few lines: count the view (works from the page cache), share
   and copy the link, and send a comment with a CSRF token fetched when it is needed. */
(function () {
  "use strict";
  var article = document.querySelector("[data-article]");
  if (!article) { return; }
  var id = article.getAttribute("data-article");

  // View count: one beacon per page view; the server counts each visitor once a day.
  if (window.fetch) {
    fetch("/api/views/" + id + "/", { method: "POST", credentials: "same-origin", keepalive: true })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        var views = document.querySelector("[data-views]");
        if (data && views) { views.textContent = data.views.toLocaleString("vi-VN"); }
      })
      .catch(function () {});
  }

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

  // Comment: fetch a CSRF token (never part of the cached page), then post.
  var form = document.querySelector("[data-comment-form]");
  if (!form || !window.fetch) { return; }
  var status = form.querySelector("[data-comment-status]");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    fetch(form.getAttribute("data-csrf-url"), { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        return fetch(form.action, {
          method: "POST",
          credentials: "same-origin",
          headers: { "X-CSRFToken": data.token, "Accept": "application/json" },
          body: new FormData(form)
        });
      })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (data.ok) { form.reset(); status.textContent = data.message; return; }
        if (data.message) { status.textContent = data.message; return; }
        var lines = [];
        Object.keys(data.errors || {}).forEach(function (name) {
          data.errors[name].forEach(function (error) { lines.push(error.message); });
        });
        status.textContent = lines.join(" ");
      })
      .catch(function () { status.textContent = form.getAttribute("data-error") || ""; })
      .then(function () { button.disabled = false; });
  });
})();
