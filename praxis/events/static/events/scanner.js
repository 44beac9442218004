// Ticket scanner: where the browser has BarcodeDetector and a camera, reads QR codes and
// submits the typed-code form with what it read. Without either, the form works alone.
(function () {
  "use strict";
  const box = document.querySelector("[data-scanner]");
  const form = document.querySelector("[data-check-in]");
  if (!box || !form || !("BarcodeDetector" in window) || !navigator.mediaDevices) {
    return;
  }
  const input = form.querySelector("input[name=code]");
  const video = box.querySelector("video");
  const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
  navigator.mediaDevices
    .getUserMedia({ video: { facingMode: "environment" } })
    .then(function (stream) {
      box.hidden = false;
      video.srcObject = stream;
      video.play();
      const scan = function () {
        detector
          .detect(video)
          .then(function (codes) {
            if (codes.length && codes[0].rawValue) {
              input.value = codes[0].rawValue;
              stream.getTracks().forEach(function (track) { track.stop(); });
              form.submit();
              return;
            }
            window.setTimeout(scan, 250);
          })
          .catch(function () { window.setTimeout(scan, 500); });
      };
      scan();
    })
    .catch(function () { box.hidden = true; });
})();
