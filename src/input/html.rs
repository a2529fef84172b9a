//! The text of an article from an HTML page: the `<article>` element, else
//! `<main>`, else `<body>`, without scripts, styles, navigation, headers,
//! footers, asides and forms; one line per block element.

use super::{Article, InputError};
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

pub fn article(html: &str, stem: &str, name: &Path) -> Result<Article, InputError> {
    let doc = Html::parse_document(html);
    let sel = |s: &str| Selector::parse(s).expect("static selector");
    let root = ["article", "main", "body"]
        .iter()
        .find_map(|s| doc.select(&sel(s)).next())
        .ok_or_else(|| InputError::new(name, None, "HTML without a body"))?;
    let mut text = String::new();
    collect(root, &mut text);
    let text: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if text.is_empty() {
        return Err(InputError::new(
            name,
            None,
            "HTML page with no article text",
        ));
    }
    let title = doc
        .select(&sel("title"))
        .next()
        .map(|t| t.text().collect::<String>().trim().to_string());
    let published = doc
        .select(&sel(
            "meta[property='article:published_time'], meta[name='date'], time[datetime]",
        ))
        .find_map(|e| {
            e.value()
                .attr("content")
                .or(e.value().attr("datetime"))
                .map(String::from)
        })
        .and_then(|d| {
            d.get(..10)
                .filter(|d| crate::lexicon::is_iso_date(d))
                .map(String::from)
        });
    let url = doc
        .select(&sel("link[rel='canonical']"))
        .next()
        .and_then(|e| e.value().attr("href"))
        .map(String::from);
    Ok(Article {
        id: stem.to_string(),
        text: text.join("\n"),
        url,
        title,
        published,
        source: name.display().to_string(),
    })
}

fn collect(el: ElementRef, out: &mut String) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) => {
                let tag = e.name();
                if SKIP.contains(&tag) {
                    continue;
                }
                let block = BLOCK.contains(&tag);
                if block {
                    out.push('\n');
                }
                if let Some(c) = ElementRef::wrap(child) {
                    collect(c, out);
                }
                if block {
                    out.push('\n');
                }
            }
            _ => {}
        }
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
}
