// The live channel player, on the channel page and in the pop-out Audio Only window.
//
// Plays HLS with hls.js where the browser has Media Source (loaded only when the reader
// presses play), or natively where the browser plays HLS itself (Safari, iOS). A stream
// that fails says the stream is unavailable and is retried with growing pauses, so
// the player is never a blank box. Without this file the page still has a <video>/<audio>
// with the stream as its source, for browsers that play HLS themselves.
(() => {
    "use strict";

    const RETRY_SECONDS = [2, 4, 8, 15, 30];
    const STATUS_EVERY_MS = 60_000;
    const MAX_TIMER_MS = 2 ** 31 - 1; // setTimeout fires at once beyond this
    const AUDIO_ONLY_KEY = "newsdesk:live:audio-only";
    const HLS_TYPE = "application/vnd.apple.mpegurl";
    const announce = "BroadcastChannel" in window ? new BroadcastChannel("newsdesk-live") : null;

    let hlsScript = null;
    function loadHls(src) {
        if (window.Hls) return Promise.resolve(window.Hls);
        if (!hlsScript) {
            hlsScript = new Promise((resolve, reject) => {
                const script = document.createElement("script");
                script.src = src;
                script.onload = () => resolve(window.Hls);
                script.onerror = () => {
                    hlsScript = null;
                    reject(new Error("hls.js did not load"));
                };
                document.head.append(script);
            });
        }
        return hlsScript;
    }

    // One stream on one media element, from start() until stop(), retried until it plays.
    class Playback {
        constructor(media, url, hlsSrc, onState) {
            this.media = media;
            this.url = url;
            this.hlsSrc = hlsSrc;
            this.onState = onState;
            this.hls = null;
            this.timer = null;
            this.attempt = 0;
            this.active = false;
            this.attached = false;
            media.addEventListener("playing", () => {
                if (!this.active) return;
                this.attempt = 0;
                this.onState("playing");
            });
            // Events that arrive after a teardown (a late "pause") mean nothing.
            const current = () => this.active && this.attached;
            media.addEventListener("waiting", () => current() && this.onState("buffering"));
            media.addEventListener("pause", () => current() && !media.error && this.onState("paused"));
            media.addEventListener("error", () => current() && !this.hls && this.failed());
        }

        async start() {
            this.active = true;
            clearTimeout(this.timer);
            this.onState("connecting");
            let Hls = null;
            try {
                Hls = await loadHls(this.hlsSrc);
            } catch (error) {
                Hls = null;
            }
            if (!this.active) return;
            if (Hls && Hls.isSupported()) {
                this.attached = true;
                this.startHls(Hls);
            } else if (this.media.canPlayType(HLS_TYPE)) {
                this.attached = true;
                this.media.src = this.url;
                this.play();
            } else if (!Hls) {
                this.failed(); // the script itself did not load: try again later
            } else {
                this.onState("unsupported");
            }
        }

        startHls(Hls) {
            const hls = new Hls({ liveDurationInfinity: true, backBufferLength: 30 });
            this.hls = hls;
            hls.on(Hls.Events.ERROR, (event, data) => {
                if (data.fatal && this.hls === hls) this.failed();
            });
            hls.on(Hls.Events.MANIFEST_PARSED, () => this.play());
            hls.loadSource(this.url);
            hls.attachMedia(this.media);
        }

        play() {
            const playing = this.media.play();
            if (playing) playing.catch(() => this.active && this.onState("paused"));
        }

        failed() {
            this.teardown();
            this.onState("unavailable");
            const delay = RETRY_SECONDS[Math.min(this.attempt, RETRY_SECONDS.length - 1)];
            this.attempt += 1;
            this.timer = setTimeout(() => this.active && this.start(), delay * 1000);
        }

        stop() {
            this.active = false;
            clearTimeout(this.timer);
            this.teardown();
            this.onState("stopped");
        }

        teardown() {
            this.attached = false;
            if (this.hls) {
                const hls = this.hls;
                this.hls = null;
                hls.destroy();
            }
            this.media.pause();
            this.media.removeAttribute("src");
            this.media.load(); // stops any download: Audio Only is meant to save data
        }
    }

    // The words come translated with the page, on the player (live/includes/player_texts.html).
    function words(root, key) {
        return root.dataset[`text${key.charAt(0).toUpperCase()}${key.slice(1)}`] || "";
    }
    const VIDEO_MESSAGES = ["connecting", "buffering", "unavailable", "unsupported"];

    function setUpVideo(root, hlsSrc) {
        const video = root.querySelector("[data-video]");
        const overlay = root.querySelector("[data-overlay]");
        const playButton = root.querySelector("[data-play]");
        const message = root.querySelector("[data-message]");
        // The page's own controls take over from the browser's.
        video.removeAttribute("src");
        video.controls = false;
        playButton.hidden = false;
        const playback = new Playback(video, root.dataset.streamUrl, hlsSrc, (state) => {
            root.dataset.videoState = state;
            message.textContent = VIDEO_MESSAGES.includes(state) ? words(root, state) : "";
            playButton.hidden = state !== "stopped";
            overlay.hidden = state === "playing" || state === "paused";
            video.controls = state === "playing" || state === "paused" || state === "buffering";
        });
        playButton.addEventListener("click", () => playback.start());
        return playback;
    }

    function setUpAudio(root, hlsSrc) {
        const panel = root.querySelector("[data-audio-panel]");
        const audio = panel.querySelector("[data-audio]");
        const toggle = panel.querySelector("[data-audio-toggle]");
        const status = panel.querySelector("[data-audio-status]");
        const volume = panel.querySelector("[data-volume]");
        audio.removeAttribute("src");
        audio.controls = false;
        toggle.hidden = false;
        const volumeLabel = panel.querySelector("[data-volume-label]");
        if (volumeLabel) volumeLabel.hidden = false;
        const playback = new Playback(audio, root.dataset.audioUrl, hlsSrc, (state) => {
            const on = !["stopped", "paused", "unsupported"].includes(state);
            panel.dataset.audioState = state;
            status.textContent = words(root, state);
            toggle.setAttribute("aria-label", words(root, on ? "stop" : "play"));
            toggle.classList.toggle("is-on", on);
            if (announce && (state === "playing" || state === "stopped")) {
                announce.postMessage({ listening: state === "playing" });
            }
        });
        toggle.addEventListener("click", () => {
            if (playback.active) playback.stop();
            else playback.start();
        });
        if (announce) {
            announce.addEventListener("message", (event) => {
                if (event.data && event.data.ask) {
                    announce.postMessage({ listening: playback.active && !audio.paused });
                }
            });
        }
        if (volume) volume.addEventListener("input", () => (audio.volume = Number(volume.value)));
        return { panel, playback };
    }

    function setUpSwitch(root, video, audio) {
        const toggle = root.querySelector("[data-audio-switch]");
        const screen = root.querySelector("[data-screen]");
        toggle.hidden = false;
        const setMode = (audioOnly, start) => {
            toggle.setAttribute("aria-checked", String(audioOnly));
            root.classList.toggle("is-audio-only", audioOnly);
            screen.hidden = audioOnly;
            audio.panel.hidden = !audioOnly;
            const [from, to] = audioOnly ? [video, audio.playback] : [audio.playback, video];
            const wasPlaying = from.active;
            from.stop();
            if (start || wasPlaying) to.start();
            try {
                localStorage.setItem(AUDIO_ONLY_KEY, audioOnly ? "1" : "");
            } catch (error) {
                // Private browsing: the choice is simply not remembered.
            }
        };
        toggle.addEventListener("click", () => {
            setMode(toggle.getAttribute("aria-checked") !== "true", true);
        });
        let remembered = false;
        try {
            remembered = localStorage.getItem(AUDIO_ONLY_KEY) === "1";
        } catch (error) {
            remembered = false;
        }
        if (remembered) setMode(true, false);
        // Handing over to the pop-out player: stop here so the two do not play at once.
        const popout = root.querySelector("[data-live-popout]");
        if (popout) popout.addEventListener("click", () => audio.playback.stop());
    }

    // The page says when the channel next goes on or off air (data-changes-at); the status
    // is asked then, and every minute, and the page reloads on the switch unless playing.
    function refreshStatus(root) {
        const url = root.dataset.statusUrl;
        if (!url) return;
        const check = async () => {
            let status;
            try {
                const response = await fetch(url, { headers: { Accept: "application/json" } });
                if (!response.ok) return;
                status = await response.json();
            } catch (error) {
                return;
            }
            if (status.on_air !== (root.dataset.onAir === "true")) {
                const idle = !root.querySelector("audio, video") ||
                    [...root.querySelectorAll("audio, video")].every((media) => media.paused);
                if (idle) window.location.reload();
                return;
            }
            const now = root.ownerDocument.querySelector("[data-now]");
            const next = root.ownerDocument.querySelector("[data-next]");
            if (now && status.now) now.textContent = `${status.now.label} ${status.now.title}`;
            if (next && status.next) next.textContent = `${status.next.label} ${status.next.title}`;
        };
        setInterval(check, STATUS_EVERY_MS);
        const untilChange = Date.parse(root.dataset.changesAt || "") - Date.now();
        if (untilChange > 0 && untilChange < MAX_TIMER_MS) setTimeout(check, untilChange + 1000);
    }

    function setUp(root) {
        const hlsSrc = root.dataset.hlsSrc;
        refreshStatus(root);
        if (root.dataset.onAir !== "true") return;
        const video = root.querySelector("[data-video]") ? setUpVideo(root, hlsSrc) : null;
        const audio = root.querySelector("[data-audio-panel]") ? setUpAudio(root, hlsSrc) : null;
        if (video && audio) setUpSwitch(root, video, audio);
    }

    document.querySelectorAll("[data-live-player]").forEach(setUp);
})();
