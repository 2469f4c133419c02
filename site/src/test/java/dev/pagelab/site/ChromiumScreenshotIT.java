package dev.pagelab.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Representative pages in a real Chromium (headless, through Debian's chromium-driver): a lesson
 * with figures in Korean and in English, and the home page. For each it saves a full-page
 * screenshot to {@code target/screenshots/} and checks what a reader would see: the page is as tall
 * as its content (the layout did not collapse), every figure loaded with its real size, and the
 * Korean text is drawn with real glyphs, not missing-glyph boxes ("tofu").
 *
 * <p>How tofu is detected: a font that lacks Hangul makes the browser draw every Hangul syllable as
 * the same box. So the test draws, on a canvas and in the font the page's heading really uses (its
 * computed {@code font-family}), a few different syllables taken from the page, and an unassigned
 * code point (U+0378, which no font has); it compares the pixels. It first checks that two
 * unassigned code points are drawn alike, which proves that this browser draws every missing glyph
 * as the same box, so the comparison means something. With Korean fonts installed (fonts-noto-cjk)
 * the syllables differ from each other and from the box; without them they are all the same box.
 * Pixels, not {@code document.fonts.check}, because that call reports true for a font that is
 * simply not installed.
 *
 * <p>Runs where {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} exist (or the paths in
 * {@code pagelab.site.chromium} and {@code pagelab.site.chromedriver}); elsewhere it is skipped
 * with a message saying what to install. CI ({@code .ci/run}) installs them.
 */
class ChromiumScreenshotIT {
  private static ChromeDriver driver;
  private static Path site;
  private static Path screenshots;

  @BeforeAll
  static void start() throws IOException {
    java.util.logging.Logger.getLogger("org.openqa.selenium")
        .setLevel(java.util.logging.Level.SEVERE);
    Path chromium = Path.of(System.getProperty("pagelab.site.chromium", "/usr/bin/chromium"));
    Path chromedriver =
        Path.of(System.getProperty("pagelab.site.chromedriver", "/usr/bin/chromedriver"));
    assumeTrue(
        Files.isExecutable(chromium) && Files.isExecutable(chromedriver),
        "Chromium screenshot test skipped: no "
            + chromium
            + " or "
            + chromedriver
            + " (Debian: apt-get install chromium chromium-driver fonts-noto-cjk)");
    site = Path.of(System.getProperty("pagelab.site.dir", "target/site")).toAbsolutePath();
    screenshots =
        Files.createDirectories(
            Path.of(System.getProperty("pagelab.site.screenshots", "target/screenshots")));
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        "--user-data-dir=" + Files.createTempDirectory("pagelab-chromium"),
        "--window-size=1280,900");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile()).build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
  }

  private static final String GLYPHS =
      "const h = document.querySelector('main h1');"
          + "const font = getComputedStyle(h).fontWeight + ' 40px ' + getComputedStyle(h).fontFamily;"
          + "const chars = arguments[0];"
          + "const c = document.createElement('canvas'); c.width = 60; c.height = 60;"
          + "const g = c.getContext('2d');"
          + "return chars.map(ch => { g.clearRect(0, 0, 60, 60); g.font = font;"
          + "  g.fillStyle = '#000'; g.fillText(ch, 5, 45);"
          + "  const d = g.getImageData(0, 0, 60, 60).data; let hash = 7;"
          + "  for (let i = 3; i < d.length; i += 4) { hash = (hash * 31 + d[i]) | 0; }"
          + "  return String(hash); });";

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "ko/lessons/06-mmap-and-demand-paging.html, 3000, 1",
    "en/lessons/06-mmap-and-demand-paging.html, 3000, 1",
    "ko/lessons/08-huge-pages-and-thp.html, 4000, 3",
    "ko/index.html, 800, 0"
  })
  void aPageLooksRight(String path, int minHeight, int figures) throws IOException {
    driver.manage().window().setSize(new Dimension(1280, 900));
    driver.get(site.resolve(path).toUri().toString());
    JavascriptExecutor js = driver;
    long height =
        ((Number) js.executeScript("return document.documentElement.scrollHeight")).longValue();
    assertTrue(
        height >= minHeight, path + ": the page is " + height + " px tall, expected " + minHeight);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> images =
        (List<Map<String, Object>>)
            js.executeScript(
                "return Array.from(document.images).map(i => ({src: i.getAttribute('src'),"
                    + " done: i.complete, w: i.naturalWidth}))");
    for (Map<String, Object> img : images) {
      assertTrue(
          Boolean.TRUE.equals(img.get("done")) && ((Number) img.get("w")).intValue() > 300,
          path + ": figure " + img.get("src") + " did not load: " + img);
    }
    assertEquals(figures, images.size(), path + ": figures on the page");
    if (path.startsWith("ko/")) {
      assertNoTofu(path);
    }
    driver.manage().window().setSize(new Dimension(1280, (int) Math.min(height, 16000)));
    File shot = driver.getScreenshotAs(OutputType.FILE);
    Path target = screenshots.resolve(path.replace('/', '_').replace(".html", ".png"));
    Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    assertTrue(Files.size(target) > 20_000, target + " is suspiciously small");
  }

  private void assertNoTofu(String path) {
    String heading =
        (String) driver.executeScript("return document.querySelector('main h1').textContent");
    List<String> syllables =
        heading
            .codePoints()
            .filter(c -> c >= 0xAC00 && c <= 0xD7A3)
            .distinct()
            .limit(4)
            .mapToObj(Character::toString)
            .toList();
    assertTrue(syllables.size() >= 3, path + ": heading has too few Hangul syllables: " + heading);
    List<String> chars = new java.util.ArrayList<>(syllables);
    chars.add("\u0378");
    chars.add("\u0379");
    @SuppressWarnings("unchecked")
    List<String> hashes = (List<String>) driver.executeScript(GLYPHS, chars);
    String box = hashes.get(hashes.size() - 2);
    assertEquals(
        box,
        hashes.get(hashes.size() - 1),
        "two unassigned code points are drawn differently, so this Chromium does not draw missing"
            + " glyphs as one box and the tofu check below would prove nothing");
    List<String> drawn = hashes.subList(0, syllables.size());
    assertEquals(
        syllables.size(),
        drawn.stream().distinct().count(),
        path
            + ": Hangul syllables "
            + syllables
            + " are drawn alike (missing-glyph boxes?)"
            + " install fonts-noto-cjk");
    assertTrue(
        drawn.stream().noneMatch(box::equals),
        path + ": a Hangul syllable is drawn as the missing-glyph box; install fonts-noto-cjk");
  }
}
