// Døgnskema editor: draw entries by dragging in the week grid, edit them in the side form.
// Every number shown (hours per døgn, level, tariff) comes from the engine via /api/placering/.
(function () {
  "use strict";
  const root = document.getElementById("editor");
  if (!root) return;
  const editable = root.dataset.editable === "1";
  const live = root.dataset.live === "1"; // only roles that may use the live total call it
  const LABELS = JSON.parse(document.getElementById("editor-labels").textContent);
  const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
  const PX_PER_HOUR = 24;
  const SNAP = 15; // minutes
  let entries = JSON.parse(document.getElementById("entries-data").textContent);
  entries = typeof entries === "string" ? JSON.parse(entries) : entries;
  let selected = -1;
  let version = root.dataset.version ? parseInt(root.dataset.version, 10) : null;
  const form = document.getElementById("entry-form");

  function csrf() {
    const m = document.cookie.match(/csrftoken=([^;]+)/);
    return m ? m[1] : "";
  }
  const toMin = (t) => { const [h, m] = t.split(":").map(Number); return h * 60 + m; };
  const toTime = (m) => String(Math.floor(m / 60) % 24).padStart(2, "0") + ":" + String(m % 60).padStart(2, "0");

  function render() {
    document.querySelectorAll(".day-body").forEach((b) => { b.innerHTML = ""; });
    entries.forEach((e, i) => {
      const s = toMin(e.start);
      let en = toMin(e.end);
      if (en <= s) en += 1440;
      e.days.forEach((d) => {
        const di = DAYS.indexOf(d);
        const pieces = en > 1440 ? [[di, s, 1440], [(di + 1) % 7, 0, en - 1440]] : [[di, s, en]];
        pieces.forEach(([day, a, b]) => {
          const el = document.createElement("div");
          el.className = "entry " + e.form + (i === selected ? " selected" : "");
          el.style.top = (a / 60) * PX_PER_HOUR + "px";
          el.style.height = Math.max(4, ((b - a) / 60) * PX_PER_HOUR) + "px";
          el.textContent = e.theme + " " + e.start + "–" + e.end;
          el.title = el.textContent;
          el.dataset.index = i;
          el.addEventListener("mousedown", (ev) => { ev.stopPropagation(); select(i); });
          document.querySelector('.day-body[data-day="' + day + '"]').appendChild(el);
        });
      });
    });
    const tbody = document.querySelector("#entry-list tbody");
    tbody.innerHTML = "";
    entries.forEach((e, i) => {
      const tr = document.createElement("tr");
      tr.tabIndex = 0;
      tr.className = i === selected ? "selected" : "";
      tr.innerHTML = "<td></td><td></td><td></td>";
      tr.children[0].textContent = e.days.map((d) => LABELS.days[d] || d).join(", ");
      tr.children[1].textContent = e.start + "–" + e.end;
      tr.children[2].textContent = LABELS.forms[e.form] || e.form;
      tr.addEventListener("click", () => select(i));
      tr.addEventListener("keydown", (ev) => { if (ev.key === "Enter") select(i); });
      tbody.appendChild(tr);
    });
  }

  function select(i) {
    selected = i;
    if (!form) return;
    form.hidden = i < 0 || !editable;
    if (i >= 0) {
      const e = entries[i];
      form.querySelectorAll('input[name="days"]').forEach((cb) => { cb.checked = e.days.includes(cb.value); });
      form.start.value = e.start; form.end.value = e.end; form.form.value = e.form;
      form.staff.value = e.staff; form.participants.value = e.participants;
      form.theme.value = e.theme; form.legal_basis.value = e.legal_basis; form.note.value = e.note || "";
    }
    render();
  }

  function readForm() {
    if (selected < 0) return;
    const e = entries[selected];
    e.days = Array.from(form.querySelectorAll('input[name="days"]:checked')).map((cb) => cb.value);
    e.start = form.start.value; e.end = form.end.value; e.form = form.form.value;
    if (e.form === "individual") { form.staff.value = 1; form.participants.value = 1; }
    if (e.form === "double") { form.staff.value = 2; form.participants.value = 1; }
    // Sent as typed: the server refuses 0, negative or missing values with a Danish message.
    e.staff = form.staff.value === "" ? null : Number(form.staff.value);
    e.participants = form.participants.value === "" ? null : Number(form.participants.value);
    e.theme = form.theme.value; e.legal_basis = form.legal_basis.value; e.note = form.note.value;
    render(); refresh();
  }

  function payloadEntries() {
    return entries.map((e) => {
      const out = Object.assign({}, e);
      if (out.form !== "group") delete out.participants;
      if (out.form === "individual") delete out.staff;
      return out;
    });
  }

  let pending = null;
  function refresh() {
    if (pending) clearTimeout(pending);
    pending = setTimeout(async () => {
      const err = document.getElementById("live-error");
      const clear = () => ["live-hours", "live-level", "live-tariff"].forEach((id) => {
        document.getElementById(id).textContent = "–";
      });
      if (!live || !entries.length) { clear(); err.hidden = true; return; }
      let data;
      try {
        const r = await fetch(root.dataset.liveUrl, {
          method: "POST", headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
          body: JSON.stringify({ entries: payloadEntries(), citizen: root.dataset.citizen }),
        });
        data = await r.json();
      } catch (ex) {
        data = { ok: false, error: LABELS.unavailable };
      }
      if (data.ok) {
        err.hidden = true;
        document.getElementById("live-hours").textContent = data.hours_per_day.replace(".", ",");
        document.getElementById("live-level").textContent = data.level;
        document.getElementById("live-tariff").textContent =
          Number(data.service_tariff).toLocaleString("da-DK") + " kr.";
      } else {
        clear(); // old figures would belong to another døgnskema
        err.textContent = data.error; err.hidden = false;
      }
    }, 150);
  }

  // Drawing: mouse down in a day, drag, release → a new entry snapped to 15 minutes.
  if (editable) {
    document.querySelectorAll(".day-body").forEach((body) => {
      body.addEventListener("mousedown", (ev) => {
        const rect = body.getBoundingClientRect();
        const at = (y) => Math.max(0, Math.min(1440, Math.round(((y - rect.top) / PX_PER_HOUR) * 60 / SNAP) * SNAP));
        const start = at(ev.clientY);
        const ghost = document.createElement("div");
        ghost.className = "entry ghost";
        body.appendChild(ghost);
        const move = (mv) => {
          const end = at(mv.clientY);
          ghost.style.top = (Math.min(start, end) / 60) * PX_PER_HOUR + "px";
          ghost.style.height = (Math.abs(end - start) / 60) * PX_PER_HOUR + "px";
        };
        const up = (uv) => {
          document.removeEventListener("mousemove", move);
          document.removeEventListener("mouseup", up);
          ghost.remove();
          let a = start, b = at(uv.clientY);
          if (b < a) [a, b] = [b, a];
          if (b - a < SNAP) b = a + 60; // a click makes a one-hour entry
          entries.push({ days: [DAYS[parseInt(body.dataset.day, 10)]], start: toTime(a), end: toTime(Math.min(b, 1440) % 1440),
            form: "individual", staff: 1, participants: 1, theme: "Egenomsorg", legal_basis: "SEL85", note: "" });
          select(entries.length - 1); refresh();
        };
        document.addEventListener("mousemove", move);
        document.addEventListener("mouseup", up);
      });
    });
    document.getElementById("add-entry").addEventListener("click", () => {
      entries.push({ days: ["mon"], start: "08:00", end: "09:00", form: "individual", staff: 1,
        participants: 1, theme: "Egenomsorg", legal_basis: "SEL85", note: "" });
      select(entries.length - 1); refresh();
      form.querySelector('input[name="days"]').focus();
    });
    form.addEventListener("change", readForm);
    document.getElementById("delete-entry").addEventListener("click", () => {
      entries.splice(selected, 1); select(-1); refresh();
    });
    document.getElementById("save").addEventListener("click", async () => {
      const msg = document.getElementById("save-msg");
      const ratings = {};
      document.querySelectorAll("#ratings tbody tr").forEach((tr) => {
        const f = tr.querySelector('select[name="f"]').value, s = tr.querySelector('select[name="s"]').value;
        if (f !== "" && s !== "") ratings[tr.dataset.theme] = [parseInt(f, 10), parseInt(s, 10)];
      });
      const r = await fetch(root.dataset.saveUrl, {
        method: "POST", headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
        body: JSON.stringify({ entries: payloadEntries(), ratings, version,
          effective_from: document.getElementById("effective-from").value }),
      });
      let data;
      try { data = await r.json(); } catch (ex) { data = { ok: false, error: LABELS.unavailable }; }
      if (data.ok) { window.location.href = data.url; }
      else { msg.textContent = data.error; msg.className = "error"; }
    });
  }
  render(); refresh();
})();
