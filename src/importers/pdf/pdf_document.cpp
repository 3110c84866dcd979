#include "importers/pdf/pdf_document.hpp"

#include <poppler/Error.h>
#include <poppler/ErrorCodes.h>
#include <poppler/GfxState.h>
#include <poppler/GlobalParams.h>
#include <poppler/PDFDoc.h>
#include <poppler/Page.h>
#include <poppler/Stream.h>
#include <poppler/TextOutputDev.h>
#include <poppler/UTF.h>
#include <poppler/goo/GooString.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <mutex>

#include "importers/pdf/shaded_rules.hpp"
#include "io/input.hpp"

namespace trackport::pdf {

namespace {

void ignore_poppler_error(ErrorCategory, Goffset, const char*) {}

// poppler's process-wide tables (character maps, encodings), made once; its syntax errors about
// damaged files stay quiet: trackport reports its own errors.
void start_poppler() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (!globalParams) globalParams = std::make_unique<GlobalParams>();
    setErrorCallback(ignore_poppler_error);
  });
}

void append_utf8(std::string& out, Unicode u) {
  if (u < 0x80) {
    out.push_back(static_cast<char>(u));
  } else if (u < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (u >> 6)));
    out.push_back(static_cast<char>(0x80 | (u & 0x3F)));
  } else if (u < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (u >> 12)));
    out.push_back(static_cast<char>(0x80 | ((u >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (u & 0x3F)));
  } else if (u < 0x110000) {
    out.push_back(static_cast<char>(0xF0 | (u >> 18)));
    out.push_back(static_cast<char>(0x80 | ((u >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((u >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (u & 0x3F)));
  }
}

// A PDF text string (UTF-16BE with its byte-order mark, else PDFDocEncoding) as UTF-8.
std::string text_string_utf8(const GooString& text) {
  Unicode* ucs4 = nullptr;
  const int length = TextStringToUCS4(text.toStr(), &ucs4);
  std::string out;
  for (int i = 0; i < length; ++i)
    if (ucs4[i] != 0) append_utf8(out, ucs4[i]);
  gfree(ucs4);
  return out;
}

// Typographic ligatures as the letters they join (a reader sees "fi", a search wants it).
std::string_view ligature_letters(std::string_view utf8, std::size_t at, std::size_t& length) {
  static constexpr std::pair<std::string_view, std::string_view> kLigatures[] = {
      {"\uFB00", "ff"},  {"\uFB01", "fi"}, {"\uFB02", "fl"}, {"\uFB03", "ffi"},
      {"\uFB04", "ffl"}, {"\uFB05", "st"}, {"\uFB06", "st"}};
  for (const auto& [ligature, letters] : kLigatures) {
    if (utf8.compare(at, ligature.size(), ligature) == 0) {
      length = ligature.size();
      return letters;
    }
  }
  return {};
}

// One poppler word cleaned: control characters dropped, ligatures spelled out, soft hyphens
// dropped except one ending the word (text_extraction joins the next line's word to it).
std::string clean_word(const GooString& text) {
  const std::string& raw = text.toStr();
  std::string out;
  out.reserve(raw.size());
  constexpr std::string_view kSoftHyphen = "\u00AD";
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const auto byte = static_cast<unsigned char>(raw[i]);
    if (byte == 0) break;
    if (byte < 0x20 || byte == 0x7f) continue;
    std::size_t length = 0;
    if (byte == 0xEF) {
      const std::string_view letters = ligature_letters(raw, i, length);
      if (!letters.empty()) {
        out += letters;
        i += length - 1;
        continue;
      }
    }
    if (raw.compare(i, kSoftHyphen.size(), kSoftHyphen) == 0 &&
        i + kSoftHyphen.size() < raw.size()) {
      i += kSoftHyphen.size() - 1;
      continue;
    }
    out.push_back(raw[i]);
  }
  return out;
}

std::uint8_t byte_of(GfxColorComp c) {
  return colToByte(c);
}

int luminance(const Rgb& c) {
  return (299 * c.r + 587 * c.g + 114 * c.b) / 1000;
}

constexpr int kInkLuminance = 200;   // a rule darker than this is drawn; lighter is background
constexpr double kThinRule = 3.5;    // points: a stroke or filled bar this thin (or thinner) rules
constexpr double kAxisSlack = 0.25;  // points a rule's ends may differ across its direction
constexpr double kMinRulePiece = 0.5;
constexpr long kMaxRulePixels = 1L << 16;  // a rule drawn as an image: its pixels read up to this

// Text, and the path pieces that may be ruling lines or cell fills, gathered in one pass over
// the page's content (the words by TextOutputDev itself).
class CaptureDevice final : public TextOutputDev {
 public:
  explicit CaptureDevice(std::size_t max_paths)
      : TextOutputDev(nullptr, false, 0, false, false), max_paths_(max_paths) {}

  void stroke(GfxState* state) override {
    TextOutputDev::stroke(state);
    if (!dropped_) record_stroke(state);
  }
  void fill(GfxState* state) override {
    TextOutputDev::fill(state);
    if (!dropped_) record_fill(state);
  }
  void eoFill(GfxState* state) override {
    TextOutputDev::eoFill(state);
    if (!dropped_) record_fill(state);
  }

  // Rules are also drawn as images: a 1x1 black image stretched into a line, by some report
  // engines. TextOutputDev asks for no images (needNonText); this device takes them
  // (`want_images`), but only to place them: their pixels are read only when the image is a thin
  // line of few pixels. Not on a page with a JPEG 2000 image and none small enough to rule:
  // poppler decodes such an image whole to learn its format. Asking for images also brings
  // patterns and shadings, which Gfx would otherwise paint piece by piece; they are no rules,
  // and are skipped whole.
  bool want_images = false;
  bool needNonText() override { return want_images; }
  bool useTilingPatternFill() override { return true; }
  bool tilingPatternFill(GfxState*, Gfx*, Catalog*, GfxTilingPattern*, const double*, int, int, int,
                         int, double, double) override {
    return true;
  }
  bool useShadedFills(int) override { return true; }
  bool functionShadedFill(GfxState*, GfxFunctionShading*) override { return true; }
  bool axialShadedFill(GfxState*, GfxAxialShading*, double, double) override { return true; }
  bool radialShadedFill(GfxState*, GfxRadialShading*, double, double) override { return true; }
  bool gouraudTriangleShadedFill(GfxState*, GfxGouraudTriangleShading*) override { return true; }
  bool patchMeshShadedFill(GfxState*, GfxPatchMeshShading*) override { return true; }

  void drawImageMask(GfxState* state, Object* ref, Stream* str, int width, int height, bool invert,
                     bool interpolate, bool inline_image) override {
    // A stencil mask paints in the fill colour.
    if (!dropped_ && visible(state->getFillOpacity())) {
      GfxRGB rgb;
      state->getFillRGB(&rgb);
      if (luminance({byte_of(rgb.r), byte_of(rgb.g), byte_of(rgb.b)}) < kInkLuminance)
        if (const auto line = thin_image(state)) add_rule(line->first, line->second);
    }
    TextOutputDev::drawImageMask(state, ref, str, width, height, invert, interpolate, inline_image);
  }

  void drawImage(GfxState* state, Object* ref, Stream* str, int width, int height,
                 GfxImageColorMap* colour_map, bool interpolate, const int* mask_colours,
                 bool inline_image) override {
    const auto line =
        dropped_ || !visible(state->getFillOpacity()) ? std::nullopt : thin_image(state);
    if (line && colour_map != nullptr && width > 0 && height > 0 &&
        static_cast<long>(width) * height <= kMaxRulePixels) {
      // Reading the pixels consumes an inline image's data, as the base class would.
      if (mean_luminance(str, width, height, *colour_map) < kInkLuminance)
        add_rule(line->first, line->second);
      return;
    }
    TextOutputDev::drawImage(state, ref, str, width, height, colour_map, interpolate, mask_colours,
                             inline_image);
  }

  Rulings rulings;
  std::vector<FilledRect> fills;
  std::vector<LightLine> light_lines;
  bool dropped() const { return dropped_; }

 private:
  struct Point {
    double x, y;
  };

  void count_piece() {
    if (++pieces_ <= max_paths_) return;
    dropped_ = true;
    rulings = {};
    fills.clear();
    light_lines.clear();
  }

  // A straight line from a to b, of a colour as light as `shade`: a rule where it is dark, a
  // light line (a rule only where it stands on a darker fill) otherwise.
  void add_rule(Point a, Point b, int shade = 0) {
    const double dx = std::abs(a.x - b.x), dy = std::abs(a.y - b.y);
    LightLine line;
    if (dy <= kAxisSlack && dx >= kMinRulePiece)
      line = {true, {(a.y + b.y) / 2, std::min(a.x, b.x), std::max(a.x, b.x)}, shade, fills.size()};
    else if (dx <= kAxisSlack && dy >= kMinRulePiece)
      line = {
          false, {(a.x + b.x) / 2, std::min(a.y, b.y), std::max(a.y, b.y)}, shade, fills.size()};
    else
      return;
    if (shade >= kInkLuminance)
      light_lines.push_back(line);
    else
      (line.horizontal ? rulings.horizontal : rulings.vertical).push_back(line.segment);
    count_piece();
  }

  static bool visible(double opacity) { return opacity > 0.05; }

  void record_stroke(GfxState* state) {
    if (!visible(state->getStrokeOpacity())) return;
    GfxRGB rgb;
    state->getStrokeRGB(&rgb);
    const int shade = luminance({byte_of(rgb.r), byte_of(rgb.g), byte_of(rgb.b)});
    if (state->getTransformedLineWidth() > kThinRule) return;
    const GfxPath* path = state->getPath();
    for (int s = 0; s < path->getNumSubpaths() && !dropped_; ++s) {
      const GfxSubpath* sub = path->getSubpath(s);
      for (int i = 1; i < sub->getNumPoints() && !dropped_; ++i) {
        if (sub->getCurve(i) || sub->getCurve(i - 1)) continue;
        add_rule(device_point(state, sub, i - 1), device_point(state, sub, i), shade);
      }
    }
  }

  // An image fills the unit square of its user space; where that lands, if it is a thin
  // axis-aligned bar long enough to rule: the line along its middle.
  static std::optional<std::pair<Point, Point>> thin_image(GfxState* state) {
    Rect box{};
    for (int corner = 0; corner < 4; ++corner) {
      Point p{};
      state->transform(corner & 1, corner >> 1, &p.x, &p.y);
      if (!std::isfinite(p.x) || !std::isfinite(p.y)) return std::nullopt;
      if (corner == 0)
        box = {p.x, p.y, p.x, p.y};
      else
        box.extend({p.x, p.y, p.x, p.y});
    }
    // A turned or sheared image covers its box only partly: no rule.
    const double* m = state->getCTM();
    const bool axis_aligned = (std::abs(m[1]) < 1e-6 && std::abs(m[2]) < 1e-6) ||
                              (std::abs(m[0]) < 1e-6 && std::abs(m[3]) < 1e-6);
    if (!axis_aligned) return std::nullopt;
    const double w = box.width(), h = box.height();
    if (std::min(w, h) > kThinRule || std::max(w, h) < kMinRulePiece) return std::nullopt;
    if (w >= h) return std::pair{Point{box.x0, box.centre_y()}, Point{box.x1, box.centre_y()}};
    return std::pair{Point{box.centre_x(), box.y0}, Point{box.centre_x(), box.y1}};
  }

  static int mean_luminance(Stream* str, int width, int height, GfxImageColorMap& colour_map) {
    ImageStream pixels(str, width, colour_map.getNumPixelComps(), colour_map.getBits());
    pixels.reset();
    long sum = 0, count = 0;
    for (int y = 0; y < height; ++y) {
      unsigned char* line = pixels.getLine();
      if (line == nullptr) break;
      for (int x = 0; x < width; ++x) {
        GfxRGB rgb;
        colour_map.getRGB(line + static_cast<std::ptrdiff_t>(x) * colour_map.getNumPixelComps(),
                          &rgb);
        sum += luminance({byte_of(rgb.r), byte_of(rgb.g), byte_of(rgb.b)});
        ++count;
      }
    }
    pixels.close();
    return count == 0 ? 255 : static_cast<int>(sum / count);
  }

  static Point device_point(GfxState* state, const GfxSubpath* sub, int i) {
    Point p{};
    state->transform(sub->getX(i), sub->getY(i), &p.x, &p.y);
    return p;
  }

  // A subpath of straight axis-aligned edges: its bounding box.
  static std::optional<Rect> rectangle(GfxState* state, const GfxSubpath* sub) {
    const int n = sub->getNumPoints();
    if (n < 4 || n > 5) return std::nullopt;
    Point first = device_point(state, sub, 0);
    Rect box{first.x, first.y, first.x, first.y};
    Point previous = first;
    for (int i = 1; i <= n; ++i) {
      if (i < n && sub->getCurve(i)) return std::nullopt;
      const Point p = i < n ? device_point(state, sub, i) : first;
      if (std::abs(p.x - previous.x) > kAxisSlack && std::abs(p.y - previous.y) > kAxisSlack)
        return std::nullopt;
      box.extend({p.x, p.y, p.x, p.y});
      previous = p;
    }
    return box;
  }

  void record_fill(GfxState* state) {
    if (!visible(state->getFillOpacity())) return;
    GfxRGB rgb;
    state->getFillRGB(&rgb);
    const Rgb colour{byte_of(rgb.r), byte_of(rgb.g), byte_of(rgb.b)};
    const GfxPath* path = state->getPath();
    for (int s = 0; s < path->getNumSubpaths() && !dropped_; ++s) {
      const std::optional<Rect> box = rectangle(state, path->getSubpath(s));
      if (!box) continue;
      const double w = box->width(), h = box->height();
      if (std::min(w, h) <= kThinRule) {
        // A bar drawn as a thin filled rectangle: a rule along its middle.
        const int shade = luminance(colour);
        if (w >= h)
          add_rule({box->x0, box->centre_y()}, {box->x1, box->centre_y()}, shade);
        else
          add_rule({box->centre_x(), box->y0}, {box->centre_x(), box->y1}, shade);
        continue;
      }
      fills.push_back({*box, colour});
      count_piece();
    }
  }

  std::size_t max_paths_;
  std::size_t pieces_ = 0;
  bool dropped_ = false;
};

constexpr double kJoinGap = 2.0;    // points: pieces of one rule this close are one rule
constexpr double kSameRule = 0.75;  // points: pieces this close across are on one line
constexpr double kMinRuleLength = 10.0;

// Pieces of one line (the borders of each cell drawn apart, a dashed rule) joined into rules,
// then those at least kMinRuleLength long kept; sorted by position, then start.
std::vector<Segment> join_pieces(std::vector<Segment> pieces) {
  std::sort(pieces.begin(), pieces.end(), [](const Segment& a, const Segment& b) {
    return a.position != b.position ? a.position < b.position : a.from < b.from;
  });
  std::vector<Segment> rules;
  std::size_t i = 0;
  while (i < pieces.size()) {
    std::size_t j = i + 1;
    while (j < pieces.size() && pieces[j].position - pieces[j - 1].position <= kSameRule) ++j;
    std::vector<Segment> line(pieces.begin() + static_cast<long>(i),
                              pieces.begin() + static_cast<long>(j));
    std::sort(line.begin(), line.end(),
              [](const Segment& a, const Segment& b) { return a.from < b.from; });
    Segment open = line.front();
    double sum = open.position * (open.to - open.from + 1e-3), weight = open.to - open.from + 1e-3;
    const auto close = [&] {
      open.position = sum / weight;
      if (open.to - open.from >= kMinRuleLength) rules.push_back(open);
    };
    for (std::size_t k = 1; k < line.size(); ++k) {
      const Segment& s = line[k];
      if (s.from <= open.to + kJoinGap) {
        open.to = std::max(open.to, s.to);
      } else {
        close();
        open = s;
        sum = 0;
        weight = 0;
      }
      sum += s.position * (s.to - s.from + 1e-3);
      weight += s.to - s.from + 1e-3;
    }
    close();
    i = j;
  }
  std::sort(rules.begin(), rules.end(), [](const Segment& a, const Segment& b) {
    return a.position != b.position ? a.position < b.position : a.from < b.from;
  });
  return rules;
}

// The images a page's resources hold (and those of the forms it draws, down to `depth`): any
// of few enough pixels to be a rule, any in JPEG 2000.
struct ImageKinds {
  bool rule_sized = false;
  bool jpeg2000 = false;
};

bool jpeg2000(Dict* image) {
  const Object filter = image->lookup("Filter");
  if (filter.isName("JPXDecode")) return true;
  if (!filter.isArray()) return false;
  for (int i = 0; i < filter.arrayGetLength(); ++i)
    if (filter.arrayGet(i).isName("JPXDecode")) return true;
  return false;
}

void find_images(Dict* resources, int depth, ImageKinds& kinds) {
  if (resources == nullptr || depth < 0) return;
  const Object xobjects = resources->lookup("XObject");
  if (!xobjects.isDict()) return;
  Dict* dict = xobjects.getDict();
  const int count = std::min(dict->getLength(), 1000);  // a budget: more is no table's page
  for (int i = 0; i < count; ++i) {
    const Object xobject = dict->getVal(i);
    if (!xobject.isStream()) continue;
    Dict* stream = xobject.streamGetDict();
    const Object subtype = stream->lookup("Subtype");
    if (subtype.isName("Image")) {
      const Object width = stream->lookup("Width"), height = stream->lookup("Height");
      if (width.isNum() && height.isNum() && width.getNum() > 0 && height.getNum() > 0 &&
          width.getNum() * height.getNum() <= static_cast<double>(kMaxRulePixels))
        kinds.rule_sized = true;
      kinds.jpeg2000 = kinds.jpeg2000 || jpeg2000(stream);
    } else if (subtype.isName("Form")) {
      const Object inner = stream->lookup("Resources");
      if (inner.isDict()) find_images(inner.getDict(), depth - 1, kinds);
    }
  }
}

void set_geometry(PageContent& content, Page& page) {
  const PDFRectangle* box = page.getCropBox();
  content.rotation = page.getRotate();
  content.crop = {box->x1, box->y1, box->x2, box->y2};
  const bool sideways = content.rotation == 90 || content.rotation == 270;
  const double w = box->x2 - box->x1, h = box->y2 - box->y1;
  content.width = sideways ? h : w;
  content.height = sideways ? w : h;
}

// poppler ends a word at a space character but only marks a space after it where the next word
// starts a gap away; a space glyph with no width (or kerned away) separates words all the same.
// The next word in the line starting a character or two after this one's end in the content
// stream means something unprinted stood between them: that space.
bool space_char_follows(const TextWord& word) {
  const TextWord* next = word.nextWord();
  if (next == nullptr) return false;
  const int skipped = next->getCharPos() - (word.getCharPos() + word.getCharLen());
  return skipped >= 1 && skipped <= 2;
}

bool name_says(const GooString* name, std::initializer_list<std::string_view> parts) {
  if (name == nullptr) return false;
  const std::string_view text(name->c_str(), static_cast<std::size_t>(name->getLength()));
  return std::any_of(parts.begin(), parts.end(), [&](std::string_view part) {
    return text.find(part) != std::string_view::npos;
  });
}

// Bold and italic from the font's descriptor flags or, as often, only from its name.
void set_style(Word& word, const TextWord& source) {
  if (source.getLength() <= 0) return;
  const TextFontInfo* font = source.getFontInfo(0);
  if (font == nullptr) return;
  const GooString* name = font->getFontName();
  word.bold = font->isBold() || name_says(name, {"Bold", "bold", "Black", "Heavy", "Semibold"});
  word.italic = font->isItalic() || name_says(name, {"Italic", "italic", "Oblique", "oblique"});
}

// A font whose ascent and descent are wrong (a Symbol bullet's box three lines tall) gives its
// words boxes that reach into the lines above and below, joining them into one; such a box is
// cut to the usual extent of text of its size about its baseline.
void fit_to_font(Word& word, int rotation, double baseline) {
  constexpr double kTallest = 1.6;  // font sizes: a text box taller than this is a font's error
  const double size = word.font_size;
  if (rotation == 0 && word.box.height() > kTallest * size) {
    word.box.y0 = baseline - 0.8 * size;
    word.box.y1 = baseline + 0.25 * size;
  } else if (rotation == 2 && word.box.height() > kTallest * size) {
    word.box.y0 = baseline - 0.25 * size;
    word.box.y1 = baseline + 0.8 * size;
  }
}

void take_words(TextOutputDev& device, std::size_t max_words, PageContent& content) {
  const std::unique_ptr<TextWordList> list = device.makeWordList();
  if (!list) return;
  const auto count = static_cast<std::size_t>(std::max(0, list->getLength()));
  const std::size_t kept = std::min(count, max_words);
  content.dropped_words = count - kept;
  content.words.reserve(kept);
  for (std::size_t i = 0; i < kept; ++i) {
    const TextWord* source = list->get(static_cast<int>(i));
    Word word;
    const std::unique_ptr<GooString> text(source->getText());
    word.text = clean_word(*text);
    if (word.text.empty()) continue;
    double x0, y0, x1, y1;
    source->getBBox(&x0, &y0, &x1, &y1);
    word.box = {x0, y0, x1, y1};
    if (!std::isfinite(x0) || !std::isfinite(y0) || !std::isfinite(x1) || !std::isfinite(y1))
      continue;
    word.font_size = source->getFontSize();
    if (!(word.font_size > 0) || word.font_size > 1000) word.font_size = (y1 - y0) / 1.3;
    fit_to_font(word, source->getRotation(), source->getBaseline());
    word.space_after = source->getSpaceAfter() || space_char_follows(*source);
    word.rotation = source->getRotation();
    set_style(word, *source);
    double r, g, b;
    source->getColor(&r, &g, &b);
    const auto channel = [](double v) {
      return static_cast<std::uint8_t>(std::clamp(std::lround(v * 255.0), 0L, 255L));
    };
    const Rgb colour{channel(r), channel(g), channel(b)};
    // Only a colour that says something (a green "●", a red word); black and grey say nothing.
    if (rating_from_fill(colour)) word.colour = colour;
    content.words.push_back(std::move(word));
  }
}

}  // namespace

Document::Document(std::string_view bytes, const std::optional<std::string>& password) {
  start_poppler();
  if (bytes.empty()) throw InputError("empty file: not a PDF");
  if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
    throw InputError("PDF too large to read");
  auto* stream =
      new MemStream(bytes.data(), 0, static_cast<Goffset>(bytes.size()), Object(objNull));
  std::optional<GooString> secret;
  if (password) secret.emplace(*password);
  doc_ = std::make_unique<PDFDoc>(stream, secret, secret);
  if (!doc_->isOk()) {
    if (doc_->getErrorCode() == errEncrypted)
      throw InputError(password ? "encrypted PDF: the password given does not open it"
                                : "encrypted PDF: a password is needed to open it");
    throw InputError("damaged PDF: its structure cannot be read");
  }
  if (doc_->getNumPages() <= 0) throw InputError("damaged PDF: no pages can be read");
}

Document::~Document() = default;

int Document::pages() const {
  return doc_->getNumPages();
}

std::string Document::title() const {
  const std::unique_ptr<GooString> title = doc_->getDocInfoStringEntry("Title");
  return title ? text_string_utf8(*title) : std::string();
}

std::optional<PageContent> Document::read_page(int number, const PageReadLimits& limits) const {
  Page* page = doc_->getPage(number);
  if (page == nullptr || !page->isOk()) return std::nullopt;
  PageContent content;
  set_geometry(content, *page);
  if (!(content.width > 0) || !(content.height > 0)) return std::nullopt;
  CaptureDevice device(limits.max_paths);
  if (!device.isOk()) return std::nullopt;
  ImageKinds images;
  find_images(page->getResourceDict(), 2, images);
  device.want_images = images.rule_sized || !images.jpeg2000;
  doc_->displayPage(&device, number, 72, 72, 0, false, false, false);
  take_words(device, limits.max_words, content);
  content.paths_dropped = device.dropped();
  add_shading_rules(device.fills, device.light_lines, device.rulings);
  content.rulings.horizontal = join_pieces(std::move(device.rulings.horizontal));
  content.rulings.vertical = join_pieces(std::move(device.rulings.vertical));
  content.fills = std::move(device.fills);
  return content;
}

}  // namespace trackport::pdf
