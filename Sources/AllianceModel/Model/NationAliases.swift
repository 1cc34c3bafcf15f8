/// Historical and alternative names of states, by COW code, so nations resolve by the
/// names analysts use (`USSR`, `Türkiye`, `Burma`, `Zaire`, …) in every dataset whose
/// nations carry COW codes. Compiled for this project from common usage and the COW state
/// list's own names; a name listed for several codes (`Korea`, `Germany`, `Vietnam`, …)
/// resolves to the one present in the analysed year, or lists them.
public enum NationAliases {
  public static let byCOWCode: [Int: [String]] = [
    2: ["United States", "US", "U.S.", "America", "United States of America"],
    200: ["UK", "U.K.", "Britain", "Great Britain", "United Kingdom"],
    220: ["France"],
    255: ["Germany", "West Germany", "FRG", "Federal Republic of Germany", "BRD"],
    260: ["West Germany", "FRG", "Federal Republic of Germany", "Germany"],
    265: ["East Germany", "GDR", "DDR", "German Democratic Republic", "Germany"],
    300: ["Austria-Hungary", "Austria"],
    315: ["Czechoslovakia"],
    316: ["Czechia", "Czech Republic"],
    345: ["Yugoslavia", "Serbia", "Serbia and Montenegro"],
    343: ["Macedonia", "North Macedonia", "FYROM"],
    365: ["USSR", "U.S.S.R.", "Soviet Union", "Russia", "Russian Federation"],
    437: ["Côte d'Ivoire", "Cote d'Ivoire", "Ivory Coast"],
    439: ["Upper Volta", "Burkina Faso"],
    434: ["Dahomey", "Benin"],
    490: ["Zaire", "Democratic Republic of the Congo", "DR Congo", "DRC", "Congo-Kinshasa", "Congo (Kinshasa)"],
    484: ["Congo-Brazzaville", "Congo (Brazzaville)", "Republic of the Congo", "Congo"],
    571: ["Swaziland", "Eswatini"],
    580: ["Malagasy Republic", "Madagascar"],
    626: ["South Sudan"],
    630: ["Persia", "Iran"],
    640: ["Türkiye", "Turkiye", "Turkey", "Ottoman Empire"],
    678: ["Yemen", "North Yemen", "Yemen Arab Republic"],
    680: ["South Yemen", "Yemen People's Republic", "PDRY"],
    666: ["Israel"],
    710: ["China", "PRC", "People's Republic of China"],
    713: ["Taiwan", "Republic of China", "ROC"],
    730: ["Korea"],
    731: ["North Korea", "DPRK", "Korea", "Democratic People's Republic of Korea"],
    732: ["South Korea", "ROK", "Korea", "Republic of Korea"],
    775: ["Burma", "Myanmar"],
    780: ["Ceylon", "Sri Lanka"],
    811: ["Kampuchea", "Khmer Republic", "Cambodia"],
    816: ["Vietnam", "Viet Nam", "North Vietnam", "Democratic Republic of Vietnam"],
    817: ["South Vietnam", "Republic of Vietnam", "Vietnam"],
    812: ["Laos", "Lao PDR"],
    830: ["Singapore"],
    850: ["Indonesia"],
    551: ["Zambia", "Northern Rhodesia"],
    552: ["Zimbabwe", "Rhodesia"],
    553: ["Malawi", "Nyasaland"],
    565: ["Namibia", "South West Africa"],
    404: ["Guinea-Bissau", "Portuguese Guinea"],
    520: ["Somalia"],
    690: ["Kuwait"],
    698: ["Oman", "Muscat and Oman"],
    696: ["United Arab Emirates", "UAE"],
    770: ["Pakistan"],
    771: ["Bangladesh", "East Pakistan"],
    750: ["India"],
    652: ["Syria", "Syrian Arab Republic"],
    651: ["Egypt", "United Arab Republic", "UAR"],
    694: ["Qatar"],
    935: ["Vanuatu", "New Hebrides"],
    950: ["Fiji"],
    910: ["Papua New Guinea", "PNG"],
  ]

  /// The form names are compared in: lowercased, diacritics and apostrophe styles folded,
  /// runs of spaces made one.
  public static func key(_ text: String) -> String {
    var out = ""
    var lastSpace = true
    for scalar in text.unicodeScalars {
      let folded = fold(scalar)
      for c in folded.lowercased() {
        if c == " " || c == "\t" {
          if !lastSpace { out.append(" ") }
          lastSpace = true
        } else {
          out.append(c)
          lastSpace = false
        }
      }
    }
    return out.hasSuffix(" ") ? String(out.dropLast()) : out
  }

  /// Latin letters with diacritics and typographic apostrophes as plain ASCII.
  static func fold(_ scalar: Unicode.Scalar) -> String {
    switch scalar {
    case "’", "‘", "ʼ", "`": return "'"
    case "ü", "ú", "ù", "û": return "u"
    case "Ü", "Ú", "Ù", "Û": return "U"
    case "ô", "ó", "ò", "ö", "õ": return "o"
    case "Ô", "Ó", "Ò", "Ö", "Õ": return "O"
    case "é", "è", "ê", "ë": return "e"
    case "É", "È", "Ê", "Ë": return "E"
    case "á", "à", "â", "ä", "ã", "å": return "a"
    case "Á", "À", "Â", "Ä", "Ã", "Å": return "A"
    case "í", "ì", "î", "ï": return "i"
    case "Í", "Ì", "Î", "Ï": return "I"
    case "ç": return "c"
    case "Ç": return "C"
    case "ñ": return "n"
    case "Ñ": return "N"
    default: return String(scalar)
    }
  }

  /// Levenshtein distance of two scalar sequences, or `limit + 1` as soon as it must exceed
  /// `limit` (every value of a row of the table is above it). O(|a| · |b|), no allocation but
  /// the two rows.
  public static func distance(_ x: [Unicode.Scalar], _ y: [Unicode.Scalar], limit: Int) -> Int {
    if x.isEmpty { return min(y.count, limit + 1) }
    if y.isEmpty { return min(x.count, limit + 1) }
    var previous = Array(0...y.count), current = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
      current[0] = i
      var best = i
      for j in 1...y.count {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
        best = min(best, current[j])
      }
      if best > limit { return limit + 1 }
      swap(&previous, &current)
    }
    return min(previous[y.count], limit + 1)
  }

  /// Levenshtein distance, for "did you mean". O(|a| · |b|).
  public static func distance(_ a: String, _ b: String) -> Int {
    let x = Array(a), y = Array(b)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var previous = Array(0...y.count), current = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
      current[0] = i
      for j in 1...y.count {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
      }
      swap(&previous, &current)
    }
    return previous[y.count]
  }
}
