/** The report's only stylesheet, inlined: no external resource may load (and none is allowed by the CSP). */
export const STYLES = `
:root { color-scheme: light; --bad: #b00020; --warn: #a15c00; --ok: #1b6e2a; --muted: #5b6470; --line: #d8dde3; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; max-width: 1100px; padding: 1.5rem; color: #1d232a; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; } h2 { border-bottom: 2px solid var(--line); padding-bottom: .2rem; margin-top: 2rem; }
h3 { margin-top: 1.5rem; } .meta, figcaption, .muted { color: var(--muted); font-size: .9rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .92rem; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f5f7; } tr.leaking td { background: #fff3cd; }
code, pre, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .85rem; }
pre { background: #f6f8fa; border: 1px solid var(--line); padding: .6rem; white-space: pre-wrap; word-break: break-all; }
td.value, td.mono { word-break: break-all; }
mark { background: #ffd54f; padding: 0 1px; }
.verdict { font-size: 1.1rem; font-weight: 600; padding: .6rem .8rem; border-left: 5px solid; }
.verdict.bad { border-color: var(--bad); background: #fdecee; } .verdict.ok { border-color: var(--ok); background: #e9f6ec; }
.note { border-left: 4px solid var(--warn); background: #fff8e6; padding: .5rem .8rem; }
.sev { display: inline-block; min-width: 4.5rem; text-align: center; border-radius: 3px; color: #fff; font-size: .8rem; padding: 0 .3rem; }
.sev-critical { background: #6a0015; } .sev-high { background: var(--bad); } .sev-medium { background: var(--warn); }
.sev-low { background: #55606b; } .sev-info { background: #8a939c; }
.accepted { background: #2f5d50; color: #fff; border-radius: 3px; padding: 0 .35rem; font-size: .85em; }
details.finding { border: 1px solid var(--line); border-radius: 4px; margin: .5rem 0; padding: .3rem .7rem; }
details.finding > summary { cursor: pointer; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; } dl.facts dt { color: var(--muted); }
figure { margin: .5rem 0; } figure img { max-width: 100%; border: 1px solid var(--line); }
ol.chain li { margin: .2rem 0; } .match { color: var(--ok); font-weight: 600; } .mismatch { color: var(--bad); font-weight: 600; }
tr.request td { background: #fdecee; }
`;
