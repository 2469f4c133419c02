package dev.pagelab.site.search;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The search index of one language, built while the pages are written: one document per section (a
 * page's part under one heading), an inverted index from each {@link Tokenizer} term to the
 * documents that hold it and how often. It is written as JSON inside a small script ({@code
 * search-index.js} sets {@code window.pagelabSearchIndex}), so that the search page works when the
 * site is opened from files, where a browser refuses to fetch a JSON file.
 */
public final class SearchIndex {
  /**
   * One section of a page.
   *
   * @param url its address relative to the language's folder, with the heading's anchor
   * @param title the page's title and the section's heading
   * @param excerpt the section's first words
   */
  public record Doc(String url, String title, String excerpt) {}

  private final List<Doc> docs = new ArrayList<>();
  private final Map<String, Map<Integer, Integer>> postings = new TreeMap<>();

  /**
   * Adds a section.
   *
   * @param url its address relative to the language's folder, e.g. {@code lessons/x.html#id}
   * @param title its title
   * @param text its plain text
   */
  public void add(String url, String title, String text) {
    int id = docs.size();
    String flat = text.replaceAll("\\s+", " ").strip();
    docs.add(new Doc(url, title, flat.length() > 180 ? flat.substring(0, 180) + "…" : flat));
    for (String term : Tokenizer.terms(title + " " + title + " " + text)) {
      postings.computeIfAbsent(term, t -> new TreeMap<>()).merge(id, 1, Integer::sum);
    }
  }

  /**
   * The sections added so far.
   *
   * @return the documents, in the order added
   */
  public List<Doc> docs() {
    return List.copyOf(docs);
  }

  /**
   * The index as JSON: {@code
   * {"docs":[{"u","t","x"}...],"terms":{"term":[doc,count,doc,count...]}}}, terms sorted, so the
   * same pages give the same bytes.
   *
   * @return the JSON text
   */
  public String json() {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
      g.writeStartObject();
      g.writeArrayFieldStart("docs");
      for (Doc d : docs) {
        g.writeStartObject();
        g.writeStringField("u", d.url());
        g.writeStringField("t", d.title());
        g.writeStringField("x", d.excerpt());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeObjectFieldStart("terms");
      for (Map.Entry<String, Map<Integer, Integer>> e : postings.entrySet()) {
        g.writeArrayFieldStart(e.getKey());
        for (Map.Entry<Integer, Integer> p : e.getValue().entrySet()) {
          g.writeNumber(p.getKey());
          g.writeNumber(p.getValue());
        }
        g.writeEndArray();
      }
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  /**
   * The script that carries the index.
   *
   * @return {@code window.pagelabSearchIndex = {...};}
   */
  public String script() {
    return "window.pagelabSearchIndex = " + json() + ";\n";
  }
}
