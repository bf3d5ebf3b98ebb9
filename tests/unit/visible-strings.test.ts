/**
 * Every word a participant can see or hear from a screen reader comes from the i18n catalogs: this
 * parses each client component (TSX) and fails on text written straight into the markup.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseSync, Visitor } from "vite";
import { describe, expect, it } from "vitest";

const CLIENT = path.resolve(import.meta.dirname, "../../client/src");

/** Attributes (and component props) whose value a person reads or hears. */
const VISIBLE_ATTRIBUTES = new Set([
  "aria-label",
  "aria-description",
  "aria-roledescription",
  "aria-valuetext",
  "aria-placeholder",
  "title",
  "placeholder",
  "alt",
  "label",
  "caption",
  "text",
  "heading",
]);

/** Text without letters (punctuation, symbols, numbers, emoji) is the same in every language. */
const LETTER = /\p{L}/u;

interface Bypass {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

function tsxFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return tsxFiles(full);
    return entry.name.endsWith(".tsx") ? [full] : [];
  });
}

interface Node {
  readonly type: string;
  readonly start: number;
}

/**
 * The literal texts an expression can show: strings and template text, also through `a ? "x" : "y"`
 * and `a && "x"`. Calls such as `t("key")` are the catalogs; their arguments are keys, not text.
 */
function literalTexts(node: unknown): string[] {
  const value = node as {
    type?: string;
    value?: unknown;
    quasis?: { value: { cooked: string | null } }[];
    expression?: unknown;
    consequent?: unknown;
    alternate?: unknown;
    left?: unknown;
    right?: unknown;
  };
  switch (value.type) {
    case "Literal":
      return typeof value.value === "string" ? [value.value] : [];
    case "TemplateLiteral":
      return [(value.quasis ?? []).map((quasi) => quasi.value.cooked ?? "").join(" ")];
    case "JSXExpressionContainer":
      return literalTexts(value.expression);
    case "ConditionalExpression":
      return [...literalTexts(value.consequent), ...literalTexts(value.alternate)];
    case "LogicalExpression":
      return [...literalTexts(value.left), ...literalTexts(value.right)];
    default:
      return [];
  }
}

/** Finds literal text in JSX children and in visible attributes of one source file. */
function findBypasses(file: string, source: string): Bypass[] {
  const found: (Omit<Bypass, "line"> & { readonly start: number })[] = [];
  const report = (node: Node, texts: readonly string[]) => {
    for (const text of texts)
      if (LETTER.test(text))
        found.push({ file: path.relative(CLIENT, file), start: node.start, text: text.trim() });
  };
  const children = (node: { children: readonly Node[] }) => {
    for (const child of node.children) {
      if (child.type === "JSXText") report(child, [(child as unknown as { value: string }).value]);
      else if (child.type === "JSXExpressionContainer") report(child, literalTexts(child));
    }
  };
  const { program, errors } = parseSync(file, source, { lang: "tsx" });
  expect(errors, file).toEqual([]);
  new Visitor({
    JSXElement: children,
    JSXFragment: children,
    JSXAttribute(node) {
      const name = node.name.type === "JSXIdentifier" ? node.name.name : "";
      if (VISIBLE_ATTRIBUTES.has(name) && node.value) report(node, literalTexts(node.value));
    },
  }).visit(program);
  return found
    .sort((a, b) => a.start - b.start)
    .map(({ start, ...bypass }) => ({ ...bypass, line: source.slice(0, start).split("\n").length }));
}

describe("visible strings", () => {
  it("finds literal text in markup and in visible attributes (the scanner works)", () => {
    const sample = [
      "export const A = () => (",
      '  <div title="Hello" data-testid="x" aria-label={`Close`}>',
      "    Welcome {t('ok')} · {'3%'} {\"Bonjour\"}",
      '    <Text>{"Menu"}</Text><img alt="" /><p>{open ? "Open" : label}</p>',
      "  </div>",
      ");",
    ].join("\n");
    expect(findBypasses(path.join(CLIENT, "Sample.tsx"), sample).map((bypass) => bypass.text)).toEqual([
      "Hello",
      "Close",
      "Welcome",
      "Bonjour",
      "Menu",
      "Open",
    ]);
  });

  it("come from the catalogs in every client component", () => {
    const bypasses = tsxFiles(CLIENT).flatMap((file) => findBypasses(file, readFileSync(file, "utf8")));
    expect(bypasses.map((bypass) => `${bypass.file}:${bypass.line} ${JSON.stringify(bypass.text)}`)).toEqual(
      [],
    );
  });
});
