package dev.pagelab.site.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Search terms: Latin words, Hangul bigrams, and the index built from them. */
class TokenizerTest {
  @Test
  void hangulRunsBecomeBigrams() {
    assertEquals(List.of("페이", "이지", "지를"), Tokenizer.terms("페이지를"));
    assertEquals(List.of("캐시"), Tokenizer.terms("캐시"));
    assertEquals(List.of("폴"), Tokenizer.terms("폴"));
  }

  @Test
  void latinWordsAreLowerCasedAndSplitAtUnderscores() {
    assertEquals(List.of("min_flt", "min", "flt", "25", "600"), Tokenizer.terms("MIN_FLT 25,600"));
    assertEquals(List.of("buff", "cache"), Tokenizer.terms("buff/cache"));
    assertEquals(List.of("oom_badness", "oom", "badness"), Tokenizer.terms("__oom_badness()"));
  }

  @Test
  void scriptsSeparateTerms() {
    assertEquals(List.of("free", "의", "used"), Tokenizer.terms("free의 used"));
  }

  @Test
  void theIndexFindsSectionsByTheirTerms() {
    SearchIndex index = new SearchIndex();
    index.add("lessons/a.html#x", "페이지 캐시", "파일을 읽으면 페이지 캐시에 남는다");
    index.add("lessons/b.html", "OOM", "the OOM killer picks a victim");
    String json = index.json();
    assertTrue(json.startsWith("{\"docs\":[{\"u\":\"lessons/a.html#x\""), json);
    assertTrue(json.contains("\"victim\":[1,1]"), json);
    assertTrue(json.contains("\"캐시\":[0,3]"), json); // twice in the title (boosted), once in text
    assertTrue(index.script().startsWith("window.pagelabSearchIndex = {"));
    assertEquals(json, index.json(), "the same pages give the same bytes");
  }
}
