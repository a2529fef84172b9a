//! Posts in English news, on sentences written for these tests: appositions,
//! copulas, verbs of election and of heading a body, former and ended posts,
//! deputies and lists of holders.

mod common;

use common::{post, run};

/// Every post of `text`, sorted.
fn posts(text: &str) -> Vec<common::PostRow> {
    common::post_rows(&run(text))
}

#[test]
fn an_apposition_with_the_body_before_the_title() {
    let got = posts(
        "The Baytaq party met in Taraz. The motion came from Serik Dosanov, the party chairman, \
         who resigned as head of state last year.",
    );
    assert!(
        got.contains(&post(
            "person:dosanov-serik",
            "chair",
            "party:baytaq",
            "current"
        )),
        "{got:?}"
    );
    assert!(
        got.contains(&post(
            "person:dosanov-serik",
            "president",
            "place:kazakhstan",
            "end"
        )),
        "{got:?}"
    );
}

#[test]
fn a_copula_in_the_past_is_a_former_post_and_in_the_present_a_current_one() {
    let got = posts(
        "The Baytaq party met. Serik Dosanov has been secretary of the party since 2021. \
         Before that he was a deputy of the Mazhilis.",
    );
    assert_eq!(
        got,
        vec![
            post("person:dosanov-serik", "deputy", "org:mazhilis", "former"),
            post(
                "person:dosanov-serik",
                "secretary",
                "party:baytaq",
                "current"
            ),
        ]
    );
}

#[test]
fn an_election_after_an_apposition_and_with_the_holder_as_object() {
    let got = posts(
        "The Baytaq party met. Serik Dosanov, 48, a lawyer from Taraz, was named secretary of \
         the party. The congress elected Aigul Sadykova first deputy chairman of the party.",
    );
    assert_eq!(
        got,
        vec![
            post("person:dosanov-serik", "secretary", "party:baytaq", "start"),
            post(
                "person:sadikova-aigul",
                "deputy_chair",
                "party:baytaq",
                "start"
            ),
        ]
    );
}

#[test]
fn verbs_of_heading_give_the_chair_now_or_before() {
    let got = posts(
        "The Baytaq party met. Serik Dosanov, who chairs the party's Taraz city branch, spoke. \
         Before that he headed the Steppe Growers Association.",
    );
    assert!(
        got.iter().any(|p| p.0 == "person:dosanov-serik"
            && p.1 == "chair"
            && p.2.starts_with("unit:baytaq/")
            && p.3 == "current"),
        "{got:?}"
    );
    assert!(
        got.iter().any(|p| p.0 == "person:dosanov-serik"
            && p.1 == "chair"
            && p.2.starts_with("org:")
            && p.3 == "former"),
        "{got:?}"
    );
}

#[test]
fn a_deputy_before_a_body_and_its_head_is_the_heads_deputy() {
    let got = posts("The count was confirmed by deputy CEC chairman Daniyar Omarov.");
    assert_eq!(
        got,
        vec![post(
            "person:omarov-danar",
            "deputy_chair",
            "org:cec",
            "current"
        )]
    );
}

#[test]
fn a_plural_title_is_shared_by_a_list_and_a_singular_one_is_not() {
    let got = posts(
        "The Baytaq party met. The office included secretaries Serik Dosanov and Aigul Sadykova. \
         The list includes party chairman Daniyar Omarov and Yerbol Zhaksybekov, a lawyer.",
    );
    assert_eq!(
        got,
        vec![
            post(
                "person:dosanov-serik",
                "secretary",
                "party:baytaq",
                "current"
            ),
            post("person:omarov-danar", "chair", "party:baytaq", "current"),
            post(
                "person:sadikova-aigul",
                "secretary",
                "party:baytaq",
                "current"
            ),
        ]
    );
}

#[test]
fn a_former_post_told_by_a_verb() {
    let got = posts(
        "The Baytaq party met. Serik Dosanov, who served as deputy chairman of the Baytaq party \
         in 2015, spoke.",
    );
    assert_eq!(
        got,
        vec![post(
            "person:dosanov-serik",
            "deputy_chair",
            "party:baytaq",
            "former"
        )]
    );
}

#[test]
fn an_unknown_latin_given_name_joins_the_surname_after_it() {
    let r = run("The Baytaq party met. On May 3, Zhanbolat Kuderbayev spoke.");
    let names: Vec<&str> = r
        .entities
        .iter()
        .filter(|e| e.id.starts_with("person:"))
        .map(|e| e.name.as_str())
        .collect();
    assert_eq!(names, vec!["Zhanbolat Kuderbayev"]);
}

#[test]
fn a_title_ended_by_as_names_no_party() {
    let got =
        posts("The Baytaq party met. Dosanov re-elected Speaker as six parties form factions.");
    assert_eq!(got, vec![]);
}

#[test]
fn a_dismissal_with_the_holder_as_object_and_council_members_elected() {
    let got = posts(
        "The Baytaq party met. The congress dismissed Serik Dosanov as executive secretary. \
         The party's political council elected new members Aigul Sadykova and Daniyar Omarov.",
    );
    assert_eq!(
        got,
        vec![
            post(
                "person:dosanov-serik",
                "executive_secretary",
                "party:baytaq",
                "end"
            ),
            post(
                "person:omarov-danar",
                "council_member",
                "party:baytaq",
                "start"
            ),
            post(
                "person:sadikova-aigul",
                "council_member",
                "party:baytaq",
                "start"
            ),
        ]
    );
}

#[test]
fn a_possessive_party_before_its_branch() {
    let got = posts(
        "The Baytaq party met. The chairman of the party's Taraz city branch, Aigul Sadykova, spoke.",
    );
    assert!(
        got.iter().any(|p| p.0 == "person:sadikova-aigul"
            && p.1 == "chair"
            && p.2.starts_with("unit:baytaq/")),
        "{got:?}"
    );
}
