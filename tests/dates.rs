//! Dates on sentences written for these tests: publication dates from the
//! datelines news sites print, days and months without a year resolved
//! against the publication date, and words that look like dates and are not.

use partygraph::extract::dates;
use partygraph::input::Article;
use partygraph::lexicon::{default_lexicon, Lexicon};
use partygraph::pipeline::Pipeline;
use partygraph::resolve::Resolved;

fn lex() -> &'static Lexicon {
    default_lexicon().expect("embedded seeds load")
}

/// Every date of a text as (words, value), given a publication date.
fn dates_in(text: &str, published: Option<&str>) -> Vec<(String, String)> {
    // Lowercase one char for one char, as the extractor folds the text.
    let lower: String = text.chars().flat_map(|c| c.to_lowercase().next()).collect();
    let chars: Vec<char> = text.chars().collect();
    dates::find(&lower, lex(), published)
        .into_iter()
        .map(|d| (chars[d.start..d.end].iter().collect(), d.value))
        .collect()
}

/// The values alone.
fn values(text: &str, published: Option<&str>) -> Vec<String> {
    dates_in(text, published)
        .into_iter()
        .map(|(_, v)| v)
        .collect()
}

fn published(text: &str) -> Option<String> {
    dates::published(text, lex())
}

fn run(text: &str) -> Resolved {
    let p = Pipeline::load(&partygraph::lexicon::SeedSource::Embedded).expect("seeds load");
    p.run(&Article {
        id: "t".into(),
        text: text.into(),
        ..Default::default()
    })
}

// ---- publication dates from datelines

#[test]
fn a_capital_city_before_the_date_makes_a_dateline() {
    let t =
        "Партия провела съезд\nАЛМАТЫ, 3 марта 2021 года. Сегодня делегаты избрали председателя.";
    assert_eq!(published(t).as_deref(), Some("2021-03-03"));
    let t = "ASTANA, June 2, 2019 – The party congress opened today.";
    assert_eq!(published(t).as_deref(), Some("2019-06-02"));
    let t = "NUR-SULTAN — 14 October 2020 — The council met.";
    assert_eq!(published(t).as_deref(), Some("2020-10-14"));
}

#[test]
fn an_outlet_after_the_date_makes_a_dateline() {
    let t = "Заголовок новости\nАСТАНА. 12 мая 2024 г. КАЗИНФОРМ – Партия провела пленум.";
    assert_eq!(published(t).as_deref(), Some("2024-05-12"));
    let t = "18 ноября 2022 года, пресс-служба партии\nЗаголовок\nТекст статьи.";
    assert_eq!(published(t).as_deref(), Some("2022-11-18"));
}

#[test]
fn a_time_after_the_date_makes_a_dateline() {
    assert_eq!(
        published("Тақырып\n2023 жылғы 5 қазан, 10:30\nМәтін.").as_deref(),
        Some("2023-10-05")
    );
    assert_eq!(
        published("June 2, 2019, 14:05\nHeadline\nText.").as_deref(),
        Some("2019-06-02")
    );
    assert_eq!(
        published("02.06.2019 10:15\nЗаголовок").as_deref(),
        Some("2019-06-02")
    );
    assert_eq!(
        published("7 April 2022, 09:41\nHeadline").as_deref(),
        Some("2022-04-07")
    );
}

#[test]
fn a_date_alone_or_after_a_label_makes_a_dateline() {
    assert_eq!(
        published("Тақырып\n5 қазан 2023 ж.\nМәтін.").as_deref(),
        Some("2023-10-05")
    );
    assert_eq!(
        published("Headline\nPublished: 2 June 2019\nText.").as_deref(),
        Some("2019-06-02")
    );
    assert_eq!(
        published("Опубликовано: 11.09.2021\nТекст.").as_deref(),
        Some("2021-09-11")
    );
    assert_eq!(
        published("Заголовок\n\n21.12.2020\n\nТекст").as_deref(),
        Some("2020-12-21")
    );
}

#[test]
fn a_sentence_that_begins_with_a_date_is_no_dateline() {
    assert_eq!(
        published("7 марта 2024 года в Астане прошел съезд партии."),
        None
    );
    assert_eq!(
        published("On June 2, 2019 the party elected its chairman."),
        None
    );
    assert_eq!(
        published("9 сентября 2021 года, после долгих споров, делегаты избрали нового председателя партии."),
        None
    );
    // A date inside a headline names what the article is about.
    assert_eq!(
        published("Выборы 10 января 2021 года: что нужно знать\nТекст."),
        None
    );
}

#[test]
fn a_dateline_below_the_first_lines_is_not_read() {
    let t = "Заголовок\nПервый абзац.\nВторой абзац.\nТретий абзац.\nЧетвертый абзац.\n\
             АЛМАТЫ, 3 марта 2021 года.";
    assert_eq!(published(t), None);
}

#[test]
fn the_examples_of_the_dateline_seed_hold() {
    let table = lex()
        .tables
        .iter()
        .find(|t| t.file.ends_with("date_cues.tsv"))
        .expect("date_cues.tsv is loaded");
    assert!(table.examples.len() >= 10);
    for (positive, text, line) in &table.examples {
        assert_eq!(
            published(text).is_some(),
            *positive,
            "{}:{line}: {text}",
            table.file
        );
    }
}

#[test]
fn a_dateline_that_the_text_contradicts_is_still_the_publication_date() {
    let t = "Headline\n\nMay 4, 2020\n\nThe party held its first meeting on January 10, 2023.";
    assert_eq!(published(t).as_deref(), Some("2020-05-04"));
}

#[test]
fn relative_days_read_from_a_dateline() {
    let r = run("АЛМАТЫ, 3 марта 2021 года. Вчера партия провела съезд.");
    assert_eq!(r.published.as_deref(), Some("2021-03-03"));
    let got: Vec<(&str, &str)> = r
        .dates
        .iter()
        .map(|d| (d.text.as_str(), d.value.as_str()))
        .collect();
    assert_eq!(
        got,
        [("3 марта 2021 года", "2021-03-03"), ("Вчера", "2021-03-02")]
    );

    let r = run("Тақырып\n2023 жылғы 1 наурыз, 10:30\nКеше партия съезі өтті.");
    assert_eq!(r.published.as_deref(), Some("2023-03-01"));
    assert!(r
        .dates
        .iter()
        .any(|d| d.text == "Кеше" && d.value == "2023-02-28"));
}

#[test]
fn numeric_dates_read_day_month_year() {
    assert_eq!(values("Съезд прошел 25.01.2022.", None), ["2022-01-25"]);
    assert!(values("Версия 31.02.2022 не существует", None).is_empty());
}

// ---- days and months without a year

#[test]
fn an_english_day_without_a_year_is_the_last_one_before_publication() {
    let p = Some("2021-05-10");
    assert_eq!(values("The congress met on March 3.", p), ["2021-03-03"]);
    assert_eq!(values("It was founded on 3 March.", p), ["2021-03-03"]);
    assert_eq!(values("It met on the 12th of October.", p), ["2020-10-12"]);
    assert_eq!(values("The council met October 12th.", p), ["2020-10-12"]);
    assert_eq!(
        dates_in("The council met on October 12.", p),
        [("October 12".to_string(), "2020-10-12".to_string())]
    );
}

#[test]
fn a_day_in_a_sentence_about_the_future_is_the_next_one() {
    let p = Some("2021-05-10");
    assert_eq!(
        values("The congress will be held on October 12.", p),
        ["2021-10-12"]
    );
    assert_eq!(
        values("The vote is scheduled for June 20 in the capital.", p),
        ["2021-06-20"]
    );
    assert_eq!(
        values("The plenum will convene on January 15.", Some("2021-12-20")),
        ["2022-01-15"]
    );
    assert_eq!(values("Съезд состоится 19 сентября.", p), ["2021-09-19"]);
    assert_eq!(
        values("20 маусымда өтетін сайлауға дайындық жүріп жатыр.", p),
        ["2021-06-20"]
    );
}

#[test]
fn russian_and_kazakh_days_without_a_year_are_past_biased() {
    let p = Some("2021-05-10");
    assert_eq!(values("Пленум прошел 3 марта.", p), ["2021-03-03"]);
    assert_eq!(values("Пленум прошел 12 октября.", p), ["2020-10-12"]);
    assert_eq!(values("Конференция 5 қазанда өтті.", p), ["2020-10-05"]);
    assert_eq!(values("Жиын 2 мамырда өтті.", p), ["2021-05-02"]);
}

#[test]
fn a_year_earlier_in_the_sentence_dates_a_day_without_one() {
    let p = Some("2023-05-01");
    assert_eq!(
        values(
            "«В 2019 году, 3 марта, мы провели первый съезд», — сказал он.",
            p
        ),
        ["2019", "2019-03-03"]
    );
    assert_eq!(
        values(
            "2015 жылы партия құрылды, ал 5 қыркүйекте съезд өтті.",
            None
        ),
        ["2015", "2015-09-05"]
    );
    // The year of another sentence does not carry over.
    assert_eq!(
        values(
            "В 2019 году партия провела съезд. Пленум прошел 3 марта.",
            p
        ),
        ["2019", "2023-03-03"]
    );
}

#[test]
fn a_day_without_a_year_needs_a_publication_date_or_a_stated_year() {
    assert!(values("Пленум прошел 3 марта.", None).is_empty());
    assert!(values("The congress met on March 3.", None).is_empty());
}

#[test]
fn may_and_march_as_ordinary_words_are_no_dates() {
    let p = Some("2021-05-10");
    assert!(values("The congress may be held later.", p).is_empty());
    assert!(values("Only 3 may run for the seat.", p).is_empty());
    assert!(values("They may 10 times ask.", p).is_empty());
    assert!(values("Supporters joined a march 10 kilometres long.", p).is_empty());
    assert_eq!(values("The vote ends by 3 May.", p), ["2021-05-03"]);
    assert_eq!(values("It opened on May 3.", p), ["2021-05-03"]);
}

#[test]
fn june_as_a_name_is_no_date() {
    let p = Some("2021-05-10");
    assert!(values("June Kim, 25, joined the party.", p).is_empty());
    assert!(values("June said the party would win.", p).is_empty());
}

#[test]
fn numbers_that_are_not_days_are_no_dates() {
    let p = Some("2021-05-10");
    assert!(values("Пленум прошел 32 марта.", p).is_empty());
    assert!(values("The meeting was on February 30.", p).is_empty());
    assert_eq!(
        values("The party was founded in March 2019.", p),
        ["2019-03"]
    );
    assert!(values("Партия набрала 125 голосов.", p).is_empty());
}

// ---- months of a year

#[test]
fn months_of_a_year() {
    assert_eq!(
        dates_in("Это случилось в марте 2024 года.", None),
        [("марте 2024 года".to_string(), "2024-03".to_string())]
    );
    assert_eq!(
        values("2023 жылғы наурыздан бері басқарады.", None),
        ["2023-03"]
    );
    assert_eq!(
        values("He was elected in February 2022.", None),
        ["2022-02"]
    );
    assert_eq!(values("ноября 2020 года", None), ["2020-11"]);
    // A day that does not exist leaves the year, not the month.
    assert_eq!(values("31 ноября 2025 года", None), ["2025"]);
}

#[test]
fn a_month_without_a_year_is_past_biased() {
    let p = Some("2020-03-10");
    assert_eq!(values("Съезд прошел в июне.", p), ["2019-06"]);
    assert_eq!(values("Съезд прошел в феврале.", p), ["2020-02"]);
    assert_eq!(values("Съезд будет в июне.", p), ["2020-06"]);
    assert_eq!(values("The congress met in May.", p), ["2019-05"]);
    assert_eq!(values("Жиын тамыз айында өтті.", p), ["2019-08"]);
}

#[test]
fn a_day_soon_after_publication_stays_in_its_year() {
    // An update about a day a week after publication, in the past tense.
    assert_eq!(
        values(
            "Update: on March 27 the commission confirmed the count.",
            Some("2023-03-20")
        ),
        ["2023-03-27"]
    );
    // Beyond a month it is last year's day.
    assert_eq!(
        values(
            "The commission confirmed the count on May 27.",
            Some("2023-03-20")
        ),
        ["2022-05-27"]
    );
}

#[test]
fn that_year_gives_a_day_the_year_written_last() {
    assert_eq!(
        values(
            "Партия 2015 жылы құрылды. Сол жылы 5 қыркүйекте съезд өтті.",
            Some("2019-05-03")
        ),
        ["2015", "2015-09-05"]
    );
    assert_eq!(
        values(
            "The party was founded in 2006. Later that year, on March 5, it held a congress.",
            Some("2019-05-03")
        ),
        ["2006", "2006-03-05"]
    );
}

#[test]
fn relative_years_and_months() {
    let p = Some("2023-01-15");
    assert_eq!(values("She ran for president last year.", p), ["2022"]);
    assert_eq!(
        values("Он ушел в отставку в прошлом месяце.", p),
        ["2022-12"]
    );
    assert_eq!(values("Биыл сайлау өтеді.", p), ["2023"]);
    assert!(values("She ran for president last year.", None).is_empty());
}

#[test]
fn weekdays_are_the_last_one_before_publication_or_the_next_in_the_future() {
    // 2019-04-24 is a Wednesday.
    let p = Some("2019-04-24");
    assert_eq!(
        dates_in("Конференция в прошлую субботу выбрала делегатов.", p),
        [("в прошлую субботу".to_string(), "2019-04-20".to_string())]
    );
    assert_eq!(values("The council met on Monday.", p), ["2019-04-22"]);
    assert_eq!(
        values("The council will meet on Monday.", p),
        ["2019-04-29"]
    );
    assert_eq!(values("Жиын сенбіде өтті.", p), ["2019-04-20"]);
    assert_eq!(values("The vote is next Wednesday.", p), ["2019-05-01"]);
    // A weekday before its written date leaves the date its value.
    assert_eq!(
        values("В субботу, 20 апреля, прошел съезд.", p),
        ["2019-04-20"]
    );
    // Russian needs its preposition; среда is also a word for surroundings.
    assert!(values("Окружающая среда и суббота", p).is_empty());
    assert!(values("Жұма Әлиев сөз сөйледі.", p).is_empty());
}

#[test]
fn ranges_of_years() {
    assert_eq!(values("He was akim in 2017–2019.", None), ["2017/2019"]);
    assert_eq!(
        values("Он работал с 2003 по 2016 год.", None),
        ["2003/2016"]
    );
    assert_eq!(
        values("2003 жылдан 2016 жылға дейін басқарды.", None),
        ["2003/2016"]
    );
    assert!(values("Счёт 2019-2017 не диапазон", None).is_empty());
}

#[test]
fn english_years_after_a_preposition_unless_they_count() {
    assert_eq!(
        values("He headed the office from 2019 until February 2022.", None),
        ["2019", "2022-02"]
    );
    assert_eq!(values("It traces its history to 1999.", None), ["1999"]);
    assert_eq!(values("in the 2022 presidential election", None), ["2022"]);
    assert!(values("The rally drew close to 2000 people.", None).is_empty());
    assert!(values("Each photo 2019 frame", None).is_empty());
}
