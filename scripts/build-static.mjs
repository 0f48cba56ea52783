// Build jtai's front-end static files from npm packages (no network, no CDN at run time).
//
//   npm ci --no-audit --no-fund && npm run build
//
// Source:  src/jtai/web/assets/   (our SCSS, JS and images)
// Output:  src/jtai/web/static/jtai/   (build output, gitignored; served by WhiteNoise)
//
// - app.css: GOV.UK Frontend + MOJ Frontend compiled with Dart Sass, system font stack, no
//   GDS Transport @font-face (this service is not on a GOV.UK domain).
// - govuk-frontend.min.js, moj-frontend.min.js: the ES module builds, with their source maps
//   (ManifestStaticFilesStorage follows sourceMappingURL comments and fails if a map is missing).
// - app.js, js-enabled.js: our own scripts (no inline scripts anywhere, for a strict CSP).
// - images/: MOJ Frontend's icons and our own favicon. GOV.UK's crest, crown icons and fonts are
//   deliberately not copied.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import * as sass from "sass";

const started = performance.now();
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const assets = join(root, "src/jtai/web/assets");
const out = join(root, "src/jtai/web/static/jtai");

function packageDir(name) {
  return dirname(require.resolve(`${name}/package.json`));
}

function packageVersion(name) {
  return JSON.parse(readFileSync(join(packageDir(name), "package.json"), "utf8")).version;
}

function copy(from, to) {
  cpSync(from, join(out, to), { recursive: true });
}

const govuk = join(packageDir("govuk-frontend"), "dist/govuk");
const moj = join(packageDir("@ministryofjustice/frontend"), "moj");

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "images"), { recursive: true });

// 1. Stylesheet. MOJ Frontend's Sass loads GOV.UK Frontend as "node_modules/govuk-frontend/...",
// so the repository root is a load path; everything else resolves through `pkg:` URLs.
// Warnings raised inside the libraries (MOJ Frontend still calls a mixin GOV.UK Frontend 6
// deprecates) are counted, not printed; warnings from our own Sass are printed.
let dependencyWarnings = 0;
const compiled = sass.compile(join(assets, "scss/app.scss"), {
  style: "compressed",
  importers: [new sass.NodePackageImporter(root)],
  loadPaths: [root],
  quietDeps: true,
  sourceMap: false,
  logger: {
    warn(message, { span, stack }) {
      const origin = span?.url?.pathname ?? stack?.trimStart() ?? "";
      if (origin.startsWith("node_modules/") || origin.includes("/node_modules/")) {
        dependencyWarnings += 1;
      } else {
        console.warn(`Sass warning: ${message}\n${stack ?? ""}`);
      }
    },
  },
});
// The footer's crown copyright logo (a class we never use) points at the GOV.UK crest, which a
// service off GOV.UK must not ship; drop the reference so no missing file is linked (Django's
// ManifestStaticFilesStorage fails on missing files referenced from CSS).
const css = compiled.css.replaceAll('url("images/govuk-crest.svg")', "none");
if (css.includes("GDS Transport") || css.includes("@font-face")) {
  throw new Error("app.css must not use the GDS Transport font or declare any @font-face");
}
writeFileSync(join(out, "app.css"), css);

// 2. Library JavaScript (ES modules) and their source maps.
for (const file of ["govuk-frontend.min.js", "govuk-frontend.min.js.map"]) {
  copy(join(govuk, file), file);
}
for (const file of ["moj-frontend.min.js", "moj-frontend.min.js.map"]) {
  copy(join(moj, file), file);
}

// 3. Our own scripts and images.
for (const file of readdirSync(join(assets, "js"))) {
  copy(join(assets, "js", file), file);
}
copy(join(assets, "images"), "images");
for (const file of readdirSync(join(moj, "assets/images"))) {
  if (file.startsWith("icon-")) {
    copy(join(moj, "assets/images", file), join("images", file));
  }
}

const missing = [...css.matchAll(/url\("?([^")]+)"?\)/g)]
  .map((match) => match[1])
  .filter((url) => !url.startsWith("data:") && !existsSync(join(out, url)));
if (missing.length) {
  throw new Error(`app.css refers to files the build does not provide: ${missing.join(", ")}`);
}

// 4. Record what was built, so a check can compare it with package.json.
const versions = {
  "govuk-frontend": packageVersion("govuk-frontend"),
  "@ministryofjustice/frontend": packageVersion("@ministryofjustice/frontend"),
  sass: sass.info.split("\t")[1],
};
writeFileSync(join(out, "build-info.json"), `${JSON.stringify(versions, null, 2)}\n`);

function listFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}
const files = listFiles(out);
const bytes = files.reduce((total, path) => total + statSync(path).size, 0);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `Built ${files.length} files (${(bytes / 1024).toFixed(0)} KiB) into ` +
    `${relative(root, out)} in ${seconds}s: ${JSON.stringify(versions)}` +
    (dependencyWarnings ? ` (${dependencyWarnings} Sass warnings from dependencies hidden)` : ""),
);
