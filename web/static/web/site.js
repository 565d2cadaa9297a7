/* whosaid: enhancements only. Every page works without this file. */
(function () {
  "use strict";

  /* Type-ahead on the API's name search (people, organizations): the field keeps the slug the
     API filters on; the hint under it shows the name chosen. */
  function typeahead(input) {
    var url = input.getAttribute("data-typeahead");
    var hint = document.getElementById(input.id + "-hint");
    var wrapper = document.createElement("div");
    wrapper.className = "typeahead";
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);
    var list = document.createElement("ul");
    list.id = input.id + "-options";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggestions");
    list.hidden = true;
    wrapper.appendChild(list);
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    wrapper.appendChild(status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);

    var timer = null, controller = null, items = [], active = -1;

    function close() {
      list.hidden = true;
      list.innerHTML = "";
      items = [];
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      var options = list.querySelectorAll("[role=option]");
      for (var i = 0; i < options.length; i++) {
        options[i].setAttribute("aria-selected", i === index ? "true" : "false");
      }
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(item) {
      input.value = item.slug;
      if (hint) { hint.textContent = item.name; }
      status.textContent = item.name + " chosen";
      close();
    }

    function render(results) {
      list.innerHTML = "";
      items = results;
      if (!results.length) {
        status.textContent = "No suggestions";
        close();
        return;
      }
      results.forEach(function (item, index) {
        var option = document.createElement("li");
        option.id = list.id + "-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = item.name;
        var detail = item.description || (item.aliases && item.aliases.join(", ")) || item.slug;
        if (detail) {
          var small = document.createElement("small");
          small.textContent = detail;
          option.appendChild(small);
        }
        option.addEventListener("mousedown", function (event) { event.preventDefault(); });
        option.addEventListener("click", function () { choose(item); });
        list.appendChild(option);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      active = -1;
      status.textContent = results.length + " suggestion" + (results.length === 1 ? "" : "s") +
        ": use the arrow keys to choose";
    }

    function search() {
      var text = input.value.trim();
      if (text.length < 2) { close(); return; }
      if (controller) { controller.abort(); }
      controller = new AbortController();
      fetch(url + "?q=" + encodeURIComponent(text) + "&page_size=8", {
        headers: { Accept: "application/json" },
        signal: controller.signal
      }).then(function (response) {
        return response.ok ? response.json() : { results: [] };
      }).then(function (data) {
        if (input.value.trim() === text) { render(data.results || []); }
      }).catch(function (error) {
        if (error.name !== "AbortError") { close(); }
      });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(search, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) {
        if (event.key === "ArrowDown" && input.value.trim().length >= 2) { search(); }
        return;
      }
      if (event.key === "ArrowDown") {
        event.preventDefault();
        highlight((active + 1) % items.length);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight(active <= 0 ? items.length - 1 : active - 1);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        choose(items[active]);
      } else if (event.key === "Escape") {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
  }

  /* Copy buttons: shown only when script runs; the text stays selectable without it. */
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "absolute";
      area.style.left = "-9999px";
      document.body.appendChild(area);
      area.select();
      var done = document.execCommand("copy");
      document.body.removeChild(area);
      if (done) { resolve(); } else { reject(new Error("copy failed")); }
    });
  }

  function copyButton(button) {
    var target = document.getElementById(button.getAttribute("data-copy"));
    var status = document.querySelector(".copy-status");
    button.hidden = false;
    button.addEventListener("click", function () {
      copyText(target.textContent.trim()).then(function () {
        button.textContent = "Copied";
        if (status) { status.textContent = "Citation copied to the clipboard"; }
      }, function () {
        button.textContent = "Select the text to copy";
      });
      setTimeout(function () { button.textContent = "Copy"; }, 2500);
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("input[data-typeahead]"), typeahead);
    Array.prototype.forEach.call(document.querySelectorAll("button[data-copy]"), copyButton);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
