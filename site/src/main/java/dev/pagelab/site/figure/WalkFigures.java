package dev.pagelab.site.figure;

import dev.pagelab.site.Lang;
import dev.pagelab.site.Pagelab;
import dev.pagelab.site.svg.Scale;
import dev.pagelab.site.svg.Svg;
import java.util.List;
import java.util.Locale;

/** The two drawings of one page-table walk: how the address splits, and the path it takes. */
public final class WalkFigures {
  private WalkFigures() {}

  /** The name of an address field in a language (the walk prints English names). */
  static String fieldName(String printed, Lang lang) {
    if (lang == Lang.EN) {
      return printed;
    }
    return printed
        .replace("sign extension", "부호 확장")
        .replace("page offset", "페이지 내 오프셋")
        .replace(" index", " 인덱스");
  }

  /**
   * The 64 bits of one address cut into the sign extension, one 9-bit index per level and the
   * offset, each field drawn as wide as its bits with its binary digits and its value.
   *
   * @param name the figure's name
   * @param command the walk command
   */
  public record AddressSplit(String name, List<String> command) implements Figure {
    @Override
    public String title(Lang lang) {
      return lang.pick(
          "가상 주소 하나가 나뉘는 방식 (4레벨 페이징)", "How one virtual address splits (4-level paging)");
    }

    @Override
    public Svg draw(Lang lang, Pagelab pagelab) {
      WalkText w = WalkText.parse(output(pagelab));
      double left = 20;
      double width = 720;
      double perBit = width / 64;
      Svg svg =
          new Svg(
              width + 2 * left,
              190,
              title(lang),
              lang.pick("주소 ", "Address ")
                  + hex(w.address())
                  + lang.pick("의 비트 필드와 각 값", ": its bit fields and their values"));
      svg.text(left, 22, "title", title(lang) + "  " + hex(w.address()));
      for (WalkText.Field f : w.fields()) {
        double x = left + (63 - f.high()) * perBit;
        double fw = (f.high() - f.low() + 1) * perBit;
        boolean index = f.name().contains("index");
        svg.rect(x, 60, fw, 44, index ? "field" : "box");
        svg.text(x + 3, 52, "small muted", f.high() + ".." + f.low());
        svg.text(x + fw / 2, 87, "small middle mono", bits(w.address(), f.high(), f.low()));
        String[] label = fieldName(f.name(), lang).split(" \\(");
        svg.text(x + fw / 2, 124, "small middle", label[0]);
        if (label.length > 1) {
          svg.text(x + fw / 2, 139, "small middle muted", "(" + label[1]);
        }
        svg.text(x + fw / 2, 162, "middle mono", f.value());
      }
      return svg;
    }
  }

  /**
   * The walk level by level: each table with the entry the index selects, its flags, and where it
   * leads, down to the page and the physical address.
   *
   * @param name the figure's name
   * @param command the walk command
   */
  public record WalkPath(String name, List<String> command) implements Figure {
    @Override
    public String title(Lang lang) {
      return command.contains("--hugetlb")
          ? lang.pick("2 MiB 페이지 하나를 찾는 워크", "The walk to one 2 MiB page")
          : lang.pick("4 KiB 페이지 하나를 찾는 워크", "The walk to one 4 KiB page");
    }

    @Override
    public Svg draw(Lang lang, Pagelab pagelab) {
      WalkText w = WalkText.parse(output(pagelab));
      double row = 74;
      double top = 44;
      double height = top + w.steps().size() * row + 50;
      double width = 760;
      for (WalkText.Step s : w.steps()) {
        width = Math.max(width, 540 + Scale.textWidth(decision(s.decision(), lang), 15) + 20);
      }
      Svg svg =
          new Svg(
              width,
              height,
              title(lang),
              lang.pick("주소 ", "The walk of ")
                  + hex(w.address())
                  + lang.pick(
                      "의 워크: 레벨마다 테이블, 읽은 항목, 다음 단계",
                      ": per level the table, the entry read, and the next step"));
      svg.text(
          20,
          24,
          "title",
          title(lang) + "  " + hex(w.address()) + "  (" + access(w.access(), lang) + ")");
      int levels = w.fields().size() - 2;
      for (int i = 0; i < w.steps().size(); i++) {
        WalkText.Step s = w.steps().get(i);
        double y = top + i * row;
        boolean leaf = s.decision().startsWith("leaf");
        svg.rect(20, y, 190, 52, "box");
        svg.text(30, y + 20, "title", s.table());
        svg.text(200, y + 20, "small end muted", lang.pick("레벨 ", "level ") + (levels - i));
        svg.text(30, y + 40, "small mono", s.tableAddress());
        svg.line(210, y + 26, 246, y + 26, "arrow");
        svg.rect(250, y + 4, 250, 44, leaf ? "hl" : "box");
        svg.text(260, y + 22, "small mono", "[" + s.index() + "] " + s.entryValue());
        svg.text(260, y + 40, "small", s.flags());
        svg.line(500, y + 26, 526, y + 26, "arrow");
        svg.text(532, y + 30, leaf ? "title" : "", decision(s.decision(), lang));
        if (i + 1 < w.steps().size()) {
          svg.line(115, y + 52, 115, y + row - 2, "arrow");
        }
      }
      double y = top + w.steps().size() * row + 10;
      svg.text(20, y + 16, "title", result(w.result(), lang));
      return svg;
    }
  }

  static String decision(String d, Lang lang) {
    if (lang == Lang.EN) {
      return d;
    }
    if (d.startsWith("next ")) {
      return "다음 테이블: " + d.substring(5);
    }
    if (d.startsWith("leaf: ")) {
      return "리프: " + d.substring(6).replace(" page ", " 페이지 ");
    }
    return d.replace("fault: ", "폴트: ");
  }

  static String result(String r, Lang lang) {
    if (lang == Lang.EN) {
      return r;
    }
    return r.replace("physical address ", "물리 주소 ")
        .replaceAll(" in a (.+?) page \\(offset (\\S+)\\)", " ($1 페이지, 오프셋 $2)");
  }

  /** The access as the walk prints it ({@code user write}), in a language. */
  static String access(String printed, Lang lang) {
    if (lang == Lang.EN) {
      return printed;
    }
    return printed
        .replace("supervisor", "커널 모드")
        .replace("user", "사용자 모드")
        .replace("read", "읽기")
        .replace("write", "쓰기")
        .replace("instruction fetch", "명령어 가져오기");
  }

  static String hex(long v) {
    return String.format(Locale.ROOT, "0x%016x", v);
  }

  static String bits(long v, int high, int low) {
    StringBuilder sb = new StringBuilder();
    for (int b = high; b >= low; b--) {
      sb.append((v >>> b & 1) == 1 ? '1' : '0');
    }
    return sb.toString();
  }
}
