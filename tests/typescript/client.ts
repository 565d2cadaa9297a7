// A frontend's use of a client generated from /api/schema/ by openapi-typescript and
// openapi-fetch. It must type-check as written: no casts, no non-null assertions.
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/schema";

type Quote = components["schemas"]["QuoteList"];

const api = createClient<paths>({ baseUrl: "https://quotes.example" });

// The list's 200 is JSON only: data.results is the quotes, not a union with a download.
export async function quotesBy(speaker: string): Promise<string[]> {
  const { data, error } = await api.GET("/api/v1/quotes/", {
    params: { query: { speaker: [speaker], include: ["citation"], page_size: 10 } },
  });
  if (error) throw new Error(error.detail);
  const next: string | null = data.next;
  return data.results.map((quote) => `${quote.text} (${quote.citation ?? next ?? ""})`);
}

// Every field a response always carries is declared: null where it may be, never undefined.
export function describe(quote: Quote): string {
  const said: string | null = quote.said_on;
  const start: number | null = quote.start_offset;
  const confidence: number | null = quote.extraction_confidence;
  const speaker: string | null = quote.speaker === null ? null : quote.speaker.name;
  const cue: string = quote.cue;
  const status: "draft" | "verified" | "retracted" = quote.status;
  const highlight: string | null = quote.highlight;
  return [said, start, confidence, speaker, cue, status, quote.kind, highlight].join(" ");
}

// A quote shown in its article: the detail's context and citation, the article's body.
export async function inItsArticle(id: number) {
  const { data: quote } = await api.GET("/api/v1/quotes/{id}/", { params: { path: { id } } });
  if (!quote) return null;
  const { data: article } = await api.GET("/api/v1/articles/{id}/", {
    params: { path: { id: quote.article.id } },
  });
  if (!article || quote.start_offset === null || quote.end_offset === null) return null;
  const characters = Array.from(article.body); // offsets count code points
  const context: string | null = quote.context;
  const citation: string = quote.citation;
  return {
    before: characters.slice(0, quote.start_offset).join(""),
    quote: characters.slice(quote.start_offset, quote.end_offset).join(""),
    context,
    citation,
  };
}

// A person's page: their roles, from a page-number list whose keys are all there.
export async function people(q: string): Promise<number> {
  const { data } = await api.GET("/api/v1/people/", { params: { query: { q } } });
  if (!data) return 0;
  const more: string | null = data.next;
  return data.count + (more === null ? 0 : 1);
}

// Downloads are operations of their own, with one media type each.
export async function download(q: string): Promise<string> {
  const { data } = await api.GET("/api/v1/quotes.csv", {
    params: { query: { q } },
    parseAs: "text",
  });
  return data ?? "";
}

// The root names every collection.
export async function collections(): Promise<string[]> {
  const { data } = await api.GET("/api/v1/");
  return data ? [data.quotes, data.people, data.schema] : [];
}
