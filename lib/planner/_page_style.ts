/**
 * The planner page's style sheet (inline in the page; system fonts, nothing fetched).
 *
 * @module
 */

/** CSS of the planner page. */
export const PAGE_STYLE = `
:root{--ink:#1d2433;--muted:#5f6876;--line:#e2e5ea;--bg:#f4f6f9;--card:#fff;--accent:#0057a3;
--good:#0a7a2f;--bad:#b42318;--shadow:0 1px 2px rgba(16,24,40,.06)}
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);
background:var(--bg);font-size:14px;line-height:1.45}
main{max-width:1180px;margin:0 auto;padding:22px 24px 40px}
.top h1{font-size:26px;margin:0;letter-spacing:-.01em}
.top p{color:var(--muted);margin:4px 0 6px}
.status{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 18px;
margin:14px 0}
.status.error{border-left:5px solid var(--bad);background:#fef3f2}
.status.error p{margin:6px 0 0}
.summary{position:sticky;top:0;z-index:5;display:grid;grid-template-columns:repeat(4,minmax(0,1fr));
gap:12px;padding:12px 0;background:var(--bg)}
.tile{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 16px;
box-shadow:var(--shadow)}
.tile .label{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em;
overflow-wrap:anywhere}
.tile .value{font-size:28px;font-weight:650;margin:2px 0 2px;font-variant-numeric:tabular-nums}
.tile .notes{font-size:12px;color:var(--muted)}
.up{color:var(--good)}.down{color:var(--bad)}
.toolbar{display:flex;flex-wrap:wrap;align-items:flex-end;gap:12px 16px;background:var(--card);
border:1px solid var(--line);border-radius:10px;padding:12px 16px;box-shadow:var(--shadow)}
.field{display:flex;flex-direction:column;gap:3px;font-size:12px;color:var(--muted)}
input[type=number]{font:inherit;font-size:14px;color:var(--ink);padding:6px 8px;border:1px solid #cbd2da;
border-radius:6px;background:#fff;font-variant-numeric:tabular-nums}
.field input{width:150px}
button{font:inherit;font-weight:600;padding:7px 14px;border-radius:6px;border:1px solid #cbd2da;
background:#fff;color:var(--ink);cursor:pointer}
button:hover{background:#f0f3f7}
button.primary{background:var(--accent);border-color:var(--accent);color:#fff}
button.primary:hover{background:#004a8c}
.spacer{flex:1}
.message{margin:10px 0 0;padding:8px 12px;border-left:4px solid var(--accent);background:#eef5fc;
border-radius:4px;overflow-wrap:anywhere}
.panel{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 18px;
margin:14px 0;box-shadow:var(--shadow)}
.panel h2{font-size:16px;margin:0 0 6px;overflow-wrap:anywhere}
.hint{color:var(--muted);margin:0 0 12px;max-width:900px}
.channels{display:grid;grid-template-columns:repeat(auto-fill,minmax(340px,1fr));gap:14px}
.channel{border:1px solid var(--line);border-top:4px solid var(--c);border-radius:10px;padding:12px 14px}
.channel header{display:flex;align-items:baseline;gap:8px}
.channel .swatch{width:10px;height:10px;border-radius:50%;background:var(--c);flex:none}
.channel h3{font-size:15px;margin:0;overflow-wrap:anywhere}
.channel .change{margin-left:auto;font-size:12px;font-weight:600;white-space:nowrap;color:var(--muted)}
.channel .change.up{color:var(--good)}.channel .change.down{color:var(--bad)}
.spend{display:flex;gap:10px;align-items:flex-start;margin-top:10px}
.track{position:relative;flex:1;padding-bottom:18px}
.track input[type=range]{-webkit-appearance:none;appearance:none;width:100%;height:18px;margin:2px 0 0;
background:transparent;cursor:pointer}
.track input[type=range]::-webkit-slider-runnable-track{height:6px;border-radius:3px;
background:linear-gradient(to right,var(--c) calc(var(--fill,0)*100%),#dde2e8 0)}
.track input[type=range]::-webkit-slider-thumb{-webkit-appearance:none;width:16px;height:16px;
margin-top:-5px;border-radius:50%;background:#fff;border:3px solid var(--c);box-shadow:0 1px 3px rgba(0,0,0,.25)}
.track input[type=range]::-moz-range-track{height:6px;border-radius:3px;background:#dde2e8}
.track input[type=range]::-moz-range-progress{height:6px;border-radius:3px;background:var(--c)}
.track input[type=range]::-moz-range-thumb{width:10px;height:10px;border-radius:50%;background:#fff;
border:3px solid var(--c)}
.track input[type=range]:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
.today-mark{position:absolute;top:22px;left:calc(8px + (100% - 16px) * var(--p));
transform:translateX(-50%);font-size:10px;color:var(--muted);white-space:nowrap;padding-top:5px}
.today-mark::before{content:"";position:absolute;top:0;left:50%;width:2px;height:5px;
background:var(--muted);transform:translateX(-50%)}
.money{display:flex;align-items:center;gap:4px;font-size:12px;color:var(--muted)}
.money input{width:104px}
.metrics{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:8px;margin:6px 0 4px}
.metrics div{background:#f6f7f9;border-radius:6px;padding:6px 8px}
.metrics b{display:block;font-size:16px;font-variant-numeric:tabular-nums}
.metrics span{font-size:11px;color:var(--muted);overflow-wrap:anywhere}
.curve svg,.forecast-chart svg{display:block;max-width:100%;height:auto}
.channel,.curve,.forecast-chart,.tile{contain:layout paint style}
.forecast-chart .legend{display:flex;flex-wrap:wrap;gap:4px 14px;font-size:12px;color:var(--muted);margin:2px 0 4px}
.forecast-chart .legend i{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:5px;vertical-align:-1px}
.bounds{display:flex;align-items:center;flex-wrap:wrap;gap:6px;font-size:12px;color:var(--muted)}
.bounds input{width:92px;font-size:13px;padding:4px 6px}
.notes ul{margin:0;padding-left:20px}.notes li{margin:4px 0;color:var(--muted);max-width:920px}
footer{color:var(--muted);font-size:12px;margin-top:16px}
@media (max-width:820px){.summary{grid-template-columns:repeat(2,minmax(0,1fr));position:static}}
`;
