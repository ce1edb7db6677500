// The editor's live slug preview, run outside the browser: Wagtail's own `urlify` (cut out of
// the shipped core.js, so a Wagtail upgrade is tested too) after the formatters our SlugInput
// renders, applied the way the w-slug controller applies them.
// Usage: node slug_preview.mjs CORE_JS FORMATTERS_JSON TITLE... → one slug per line.
import { readFileSync } from "node:fs";

const [coreJs, formattersJson, ...titles] = process.argv.slice(2);
const source = readFileSync(coreJs, "utf8");

const mapsStart = source.indexOf("JSON.parse('", source.indexOf('"LATIN_MAP:und"') - 200);
const mapsLiteral = source.slice(mapsStart + "JSON.parse(".length, source.indexOf("')", mapsStart) + 1);
const urlifyStart = source.indexOf('((e,{allowUnicode:t=!1,locale:r="en",numChars:n=255}={})=>{');
const urlifyEnd = source.indexOf("(a,{allowUnicode:this.allowUnicodeValue", urlifyStart);
if (mapsStart < 0 || urlifyStart < 0 || urlifyEnd < 0) {
    throw new Error("Wagtail's slug controller changed: update tests/search/js/slug_preview.mjs");
}
// The cut-out function reads its transliteration maps as `z` and its cache as `$`.
const urlify = new Function(
    "$",
    "z",
    `return ${source.slice(urlifyStart, urlifyEnd)};`,
)({}, JSON.parse(eval(mapsLiteral)));

const formatters = JSON.parse(formattersJson);
const format = (value) =>
    formatters.reduce((text, [[pattern, flags = "gu"], replacement = ""]) => {
        const regex = new RegExp(pattern, flags);
        return flags.includes("g") ? text.replaceAll(regex, replacement) : text.replace(regex, replacement);
    }, value);

for (const title of titles) {
    console.log(urlify(format(title.trim()), { allowUnicode: false, locale: "vi" }));
}
