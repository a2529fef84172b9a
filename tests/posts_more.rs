//! Posts read across a sentence's bounds and merged over an article, on
//! sentences written for these tests: deputies by a received mandate, a
//! president's title in a party article, and one post told as held and as
//! started.

mod common;

use common::{post, run};

#[test]
fn mandate_received_makes_deputies_of_the_body_named_before() {
    let r = run("«AMANAT» партиясы Алматы қалалық мәслихатына сайлау өтті. \
         Нәтижесінде мандатты Әлия Нұрланова мен Дана Ермекова алды.");
    assert_eq!(
        common::post_rows(&r),
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
        common::post_rows(&r),
        vec![post(
            "person:ermekova-dana",
            "deputy",
            "org:almaty-maslikhat",
            "start"
        )]
    );
    let r = run("Жаңа мандат алғандардың қатарында Дана Ермекова бар.");
    assert!(common::post_rows(&r).is_empty());
}

#[test]
fn president_title_in_a_party_article_keeps_the_country_mention() {
    let r = run(
        "«AMANAT» партиясының съезі өтті. Съезде Қазақстан Президенті Серік Әлімов сөз сөйледі.",
    );
    assert_eq!(
        common::post_rows(&r),
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
        common::post_rows(&r),
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
    let got = common::post_rows(&r);
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
