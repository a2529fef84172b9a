//! Posts read across a sentence's bounds and merged over an article, on
//! sentences written for these tests: deputies by a received mandate, a
//! president's title in a party article, and one post told as held and as
//! started.

use partygraph::input::Article;
use partygraph::lexicon::SeedSource;
use partygraph::pipeline::Pipeline;
use partygraph::resolve::Resolved;

fn run(text: &str) -> Resolved {
    let p = Pipeline::load(&SeedSource::Embedded).expect("embedded seeds load");
    p.run(&Article {
        id: "t".into(),
        text: text.into(),
        ..Default::default()
    })
}

/// Every post as (person id, role, org id, status), sorted.
fn posts(r: &Resolved) -> Vec<(String, String, String, String)> {
    let mut v: Vec<_> = r
        .posts
        .iter()
        .map(|p| {
            (
                p.person.clone(),
                p.role.clone(),
                p.org.clone(),
                p.status.clone(),
            )
        })
        .collect();
    v.sort();
    v
}

fn post(person: &str, role: &str, org: &str, status: &str) -> (String, String, String, String) {
    (person.into(), role.into(), org.into(), status.into())
}

#[test]
fn mandate_received_makes_deputies_of_the_body_named_before() {
    let r = run("«AMANAT» партиясы Алматы қалалық мәслихатына сайлау өтті. \
         Нәтижесінде мандатты Әлия Нұрланова мен Дана Ермекова алды.");
    assert_eq!(
        posts(&r),
        vec![
            post(
                "person:ermekova-dana",
                "deputy",
                "org:almaty-maslikhat",
                "start"
            ),
            post(
                "person:nurlanova-ala",
                "deputy",
                "org:almaty-maslikhat",
                "start"
            ),
        ]
    );
}

#[test]
fn mandate_gives_no_seat_to_a_namesake_or_without_a_body() {
    let r = run(
        "Алматы қалалық мәслихатының сессиясы өтті. Жаңа мандат алғандардың \
         қатарында Ш.Уәлиханов атындағы мектептің директоры Дана Ермекова бар.",
    );
    assert_eq!(
        posts(&r),
        vec![post(
            "person:ermekova-dana",
            "deputy",
            "org:almaty-maslikhat",
            "start"
        )]
    );
    let r = run("Жаңа мандат алғандардың қатарында Дана Ермекова бар.");
    assert!(posts(&r).is_empty());
}

#[test]
fn president_title_in_a_party_article_keeps_the_country_mention() {
    let r = run(
        "«AMANAT» партиясының съезі өтті. Съезде Қазақстан Президенті Серік Әлімов сөз сөйледі.",
    );
    assert_eq!(
        posts(&r),
        vec![post(
            "person:alimov-serik",
            "president",
            "place:kazakhstan",
            "current"
        )]
    );
    let kz = r.entities.iter().find(|e| e.id == "place:kazakhstan");
    assert_eq!(kz.map(|e| e.mentions.len()), Some(1));
}

#[test]
fn president_title_outside_party_news_stays_one_role_phrase() {
    let r = run("Қазақстан Президенті Серік Әлімов сөз сөйледі.");
    let kz = r.entities.iter().find(|e| e.id == "place:kazakhstan");
    assert_eq!(kz.map(|e| e.mentions.len()), Some(0));
}

#[test]
fn a_held_post_told_later_as_started_is_a_start() {
    let r = run("«Ақ жол» партиясының төрағасы Ерлан Досжанов сөз сөйледі. \
         Ерлан Досжанов «Ақ жол» партиясының төрағасы болып сайланды.");
    assert_eq!(
        posts(&r),
        vec![post(
            "person:doszhanov-erlan",
            "chair",
            "party:ak-zhol",
            "start"
        )]
    );
}

#[test]
fn a_former_post_told_later_as_ended_is_an_end() {
    let r = run(
        "Бұрынғы «Ақ жол» партиясының төрағасы Ерлан Досжанов келді. \
         Ерлан Досжанов «Ақ жол» партиясының төрағасы қызметінен босатылды.",
    );
    let got = posts(&r);
    assert_eq!(
        got,
        vec![post(
            "person:doszhanov-erlan",
            "chair",
            "party:ak-zhol",
            "end"
        )]
    );
}
