/* The article page's own few lines: count the view (works from the page cache) and send a
   comment with a CSRF token fetched when it is needed. Sharing is share.js. */
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
