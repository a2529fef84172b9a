//! The text of an article from an HTML page: the `<article>` element, else
//! `<main>`, else `<body>`, without scripts, styles, navigation, headers,
//! footers, asides and forms; one line per block element.

use super::{Article, InputError, Place};
use scraper::{ElementRef, Html, Node, Selector};
use std::path::Path;

const SKIP: &[&str] = &[
    "script", "style", "nav", "header", "footer", "aside", "form", "noscript", "iframe", "svg",
    "button", "menu",
];
const BLOCK: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "br",
    "tr",
    "section",
    "article",
    "blockquote",
    "time",
];

/// The deepest nesting of elements read. The HTML parser looks down its
/// stack of open elements at each new block (as the HTML standard says), so
/// its time grows with the square of the depth: 20,000 takes a fraction of a
/// second, 100,000 many seconds. Real pages stay below a few hundred.
pub const MAX_DEPTH: usize = 20_000;

pub fn article(html: &str, id: &str, name: &Path) -> Result<Article, InputError> {
    if let Some(at) = too_deep(html.as_bytes(), MAX_DEPTH) {
        let line = html.as_bytes()[..at]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        return Err(unreadable_html(
            name,
            Some(line),
            format!("HTML nested more than {MAX_DEPTH} elements deep: not read"),
        ));
    }
    let doc = Html::parse_document(html);
    let sel = |s: &str| Selector::parse(s).expect("the selectors are fixed and valid");
    let root = ["article", "main", "body"]
        .iter()
        .find_map(|s| doc.select(&sel(s)).next())
        .ok_or_else(|| unreadable_html(name, None, "HTML without a body"))?;
    let text = collect(root);
    let text: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if text.is_empty() {
        return Err(unreadable_html(
            name,
            None,
            "HTML page with no article text",
        ));
    }
    let title = doc
        .select(&sel("title"))
        .next()
        .map(|t| t.text().collect::<String>().trim().to_string());
    let (published, warnings) = published(&doc, name);
    let url = doc
        .select(&sel("link[rel='canonical']"))
        .next()
        .and_then(|e| e.value().attr("href"))
        .map(String::from);
    Ok(Article {
        id: id.to_string(),
        text: text.join("\n"),
        url,
        title,
        published,
        source: name.display().to_string(),
        warnings,
    })
}

/// The first date the page gives for itself, in document order: a meta tag
/// (`article:published_time`, `date`) or a `<time datetime>`. A meta tag
/// whose value is not a date is a warning; a `<time>` that is not one (a
/// time of day, a month) is passed over.
fn published(doc: &Html, name: &Path) -> (Option<String>, Vec<String>) {
    let sel = Selector::parse(
        "meta[property='article:published_time'], meta[name='date'], time[datetime]",
    )
    .expect("the selector is fixed and valid");
    let mut warnings = Vec::new();
    for e in doc.select(&sel) {
        let meta = e.value().name() == "meta";
        let Some(value) = e.value().attr(if meta { "content" } else { "datetime" }) else {
            continue;
        };
        if let Some(d) = super::date_value(value) {
            return (Some(d.to_string()), warnings);
        }
        if meta {
            let shown: String = value.chars().take(40).collect();
            warnings.push(format!(
                "{}: warning: the page's date {}: not used",
                name.display(),
                crate::lexicon::not_a_date(&shown)
            ));
        }
    }
    (None, warnings)
}

/// The text under `root`, one line per block element. Iterative: a page of
/// 100,000 nested elements needs no deeper stack than a flat one.
fn collect(root: ElementRef) -> String {
    let mut out = String::new();
    // (node, leaving): a block element is pushed again to close its line.
    let mut stack = Vec::new();
    macro_rules! push_children {
        ($node:expr) => {{
            let mut child = $node.last_child();
            while let Some(c) = child {
                stack.push((c, false));
                child = c.prev_sibling();
            }
        }};
    }
    push_children!(root);
    while let Some((node, leaving)) = stack.pop() {
        if leaving {
            out.push('\n');
            continue;
        }
        match node.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) => {
                let tag = e.name();
                if SKIP.contains(&tag) {
                    continue;
                }
                if BLOCK.contains(&tag) {
                    out.push('\n');
                    stack.push((node, true));
                }
                push_children!(node);
            }
            _ => {}
        }
    }
    out
}

/// Elements that close themselves, or that the next of their kind closes:
/// they do not deepen the page.
const FLAT: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt",
    "rp", "tbody", "thead", "tfoot", "colgroup", "caption", "html", "head", "body",
];
/// Elements whose content is text up to their end tag.
const RAW: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// Where the page first opens more than `max` elements without closing
/// them, by a quick count of start and end tags (one pass, no tree).
fn too_deep(b: &[u8], max: usize) -> Option<usize> {
    let find = |from: usize, pat: &[u8]| {
        b[from.min(b.len())..]
            .windows(pat.len())
            .position(|w| w.eq_ignore_ascii_case(pat))
            .map(|p| from + p)
    };
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(lt) = b[i..].iter().position(|&c| c == b'<').map(|p| i + p) {
        let rest = &b[lt + 1..];
        if rest.starts_with(b"!--") {
            i = find(lt + 4, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        let close = rest.first() == Some(&b'/');
        let start = lt + 1 + usize::from(close);
        let len = b[start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b':'))
            .count();
        let end = b[start..]
            .iter()
            .position(|&c| c == b'>')
            .map(|p| start + p);
        let Some(end) = end else { break };
        i = end + 1;
        if len == 0 || !b[start].is_ascii_alphabetic() {
            continue;
        }
        let tag = String::from_utf8_lossy(&b[start..start + len]).to_ascii_lowercase();
        if close {
            depth = depth.saturating_sub(usize::from(!FLAT.contains(&tag.as_str())));
        } else if RAW.contains(&tag.as_str()) {
            let end_tag = format!("</{tag}");
            i = find(i, end_tag.as_bytes()).unwrap_or(b.len());
        } else if b[end - 1] != b'/' && !FLAT.contains(&tag.as_str()) {
            depth += 1;
            if depth > max {
                return Some(lt);
            }
        }
    }
    None
}

/// An error about an HTML page that gives no article.
fn unreadable_html(name: &Path, line: Option<usize>, message: impl Into<String>) -> InputError {
    InputError::Html {
        at: Place::new(name, line),
        message: message.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_article_and_drops_navigation() {
        let page = "<html><head><title>T</title><script>x()</script></head><body><nav>Басты бет</nav>\
            <article><h1>Конференция</h1><p>Бүгін <b>AMANAT</b> партиясы.</p></article><footer>©</footer></body></html>";
        let a = article(page, "p", Path::new("p.html")).unwrap();
        assert_eq!(a.text, "Конференция\nБүгін AMANAT партиясы.");
        assert_eq!(a.title.as_deref(), Some("T"));
    }

    #[test]
    fn depth_counts_open_elements_only() {
        let deep = "<div>".repeat(30);
        assert_eq!(too_deep(deep.as_bytes(), 20), Some(20 * 5));
        let closed = "<div><span>x</span></div>".repeat(100);
        assert_eq!(too_deep(closed.as_bytes(), 20), None);
        let flat = "<p>a<li>b<br><img src=x><hr/>".repeat(100);
        assert_eq!(too_deep(flat.as_bytes(), 20), None);
        let raw = format!(
            "<script>{}</script><!-- {} -->",
            "<div>".repeat(50),
            "<b>".repeat(50)
        );
        assert_eq!(too_deep(raw.as_bytes(), 20), None);
    }

    #[test]
    fn deep_pages_are_read_without_recursion() {
        let page = format!("<body>{}<p>deep text</p></body>", "<section>".repeat(5000));
        let a = article(&page, "d", Path::new("d.html")).unwrap();
        assert_eq!(a.text, "deep text");
        let page = format!("<body>{}x</body>", "<div>".repeat(MAX_DEPTH + 1));
        let e = article(&page, "d", Path::new("d.html")).unwrap_err();
        assert!(
            e.to_string().starts_with("d.html:1: HTML nested more than"),
            "{e}"
        );
    }
}
