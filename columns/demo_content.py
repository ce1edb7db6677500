"""The demo articles' text, written for this project (facts from the union's own reports)."""

# (slug, title, intro, colour, keeps the daily/weekly cadence)
COLUMNS = [
    (
        "mot-ngay-mot-tin-tot",
        "Mỗi ngày 1 tin tốt, mỗi tuần một câu chuyện đẹp",
        "Mỗi ngày một việc tử tế, mỗi tuần một tấm gương sáng của tuổi trẻ Sư phạm Điện Biên.",
        "#c0392b",
        True,
    ),
    (
        "sang-tao-khoi-nghiep",
        "Sáng tạo khởi nghiệp",
        "Ý tưởng, sản phẩm và những bước đi đầu tiên của sinh viên dám nghĩ, dám làm.",
        "#e67e22",
        False,
    ),
    (
        "hoc-tap-va-lam-theo-loi-bac",
        "Học tập và làm theo lời Bác",
        "Những việc làm cụ thể của đoàn viên khi học tập và làm theo tư tưởng, đạo đức, "
        "phong cách Hồ Chí Minh.",
        "#0b5cad",
        False,
    ),
    (
        "bao-ve-nen-tang-tu-tuong-cua-dang",
        "Bảo vệ nền tảng tư tưởng của Đảng",
        "Tỉnh táo trước thông tin sai lệch, lan tỏa thông tin chính thống trên không gian mạng.",
        "#7b1fa2",
        False,
    ),
]

# (column index, kind, unit code, days ago, slug, title, lead, [paragraphs], [tags], author)
ARTICLES = [
    (
        0,
        "news",
        "K20-MNA",
        0,
        "chu-nhat-xanh-khu-ky-tuc-xa",
        "Chủ nhật xanh ở khu ký túc xá",
        "Sáng Chủ nhật, 40 đoàn viên Chi đoàn K20 Mầm non A dọn sạch lối đi và trồng thêm hai "
        "bồn hoa trước khu ký túc xá.",
        [
            "Mỗi bạn mang theo một dụng cụ: chổi, cuốc nhỏ hay bao tải. Chỉ sau hai giờ, lối đi "
            "từ cổng ký túc xá tới nhà ăn đã sạch lá khô và rác nhựa.",
            "Bồn hoa mới được các bạn nhận chăm theo từng phòng; phòng nào để hoa héo sẽ nhận "
            "nhiệm vụ tưới cả tuần sau.",
        ],
        ["tình nguyện", "môi trường"],
        "Lò Thị Mai",
    ),
    (
        0,
        "news",
        "K20-TIN",
        1,
        "ho-tro-nhap-du-lieu-ung-dung-thanh-nien",
        "Sinh viên Tin học hỗ trợ bạn bè cập nhật ứng dụng Thanh niên Việt Nam",
        "Tổ kỹ thuật của Chi đoàn K20 Sư phạm Tin học trực tại thư viện ba buổi tối để giúp "
        "đoàn viên các khoa cài đặt và cập nhật thông tin.",
        [
            "Nhiều bạn năm nhất chưa biết đăng nhập hay quên mật khẩu. Tổ kỹ thuật hướng dẫn từng "
            "bước, kiểm tra lại ngày vào Đoàn và số thẻ đoàn trước khi lưu.",
            "Kết quả này góp phần để Đoàn trường hoàn thành việc nhập dữ liệu cho 658 đoàn viên "
            "của hai liên chi đoàn.",
        ],
        ["chuyển đổi số", "ứng dụng Thanh niên Việt Nam"],
        "Giàng A Páo",
    ),
    (
        0,
        "news",
        "K21-TH",
        2,
        "thu-vien-sach-cu-cho-em",
        "Góc sách cũ cho các em ở điểm trường bản",
        "Chi đoàn K21 Giáo dục Tiểu học gom được hơn 300 cuốn sách thiếu nhi để gửi lên một "
        "điểm trường vùng cao.",
        [
            "Sách được phân loại theo lứa tuổi, bọc bìa cẩn thận và dán nhãn tên người tặng.",
            "Các bạn hẹn nhau sẽ trực tiếp mang sách lên và kể chuyện cho các em trong chuyến "
            "tình nguyện cuối tháng.",
        ],
        ["tình nguyện", "sách"],
        "",
    ),
    (
        0,
        "news",
        "LCD1",
        3,
        "hien-mau-hanh-trinh-do",
        "Hơn 60 đoàn viên tham gia hiến máu Hành trình đỏ",
        "Liên chi đoàn I phối hợp với bệnh viện tỉnh tổ chức ngày hội hiến máu ngay tại hội "
        "trường nhà trường.",
        [
            "Nhiều bạn lần đầu hiến máu nên được các y bác sĩ hướng dẫn kỹ về ăn uống và nghỉ "
            "ngơi trước và sau khi hiến.",
            "Những đơn vị máu thu được sẽ kịp thời hỗ trợ người bệnh trong dịp cuối năm.",
        ],
        ["hiến máu", "tình nguyện"],
        "Cà Văn Hùng",
    ),
    (
        0,
        "news",
        "K21-ANH",
        4,
        "cau-lac-bo-tieng-anh-cuoi-tuan",
        "Câu lạc bộ tiếng Anh cuối tuần mở cửa cho mọi khoa",
        "Chi đoàn K21 Sư phạm Tiếng Anh mời sinh viên các khoa cùng luyện nói vào tối thứ Bảy "
        "hằng tuần.",
        [
            "Mỗi buổi có một chủ đề gần gũi: giới thiệu quê hương, món ăn dân tộc, kế hoạch sau "
            "khi ra trường.",
            "Các bạn năm ba đóng vai người dẫn dắt, sửa phát âm nhẹ nhàng để ai cũng dám nói.",
        ],
        ["học tập", "ngoại ngữ"],
        "",
    ),
    (
        0,
        "news",
        "K21-VAN",
        6,
        "dem-tho-mua-dong",
        "Đêm thơ mùa đông của sinh viên Ngữ văn",
        "Những bài thơ tự sáng tác về bản làng, thầy cô và mẹ được chính các tác giả đọc trong "
        "đêm thơ ấm cúng.",
        [
            "Chương trình được ghi hình và đăng lên Fanpage của Đoàn trường để các bạn ở xa cùng "
            "theo dõi.",
            "Ban tổ chức chọn ba bài thơ hay nhất để in trong bản tin của Liên chi đoàn.",
        ],
        ["văn hóa", "thơ"],
        "Lường Thị Hoa",
    ),
    (
        0,
        "news",
        "CB-GV",
        8,
        "thay-co-tre-len-lop-so",
        "Thầy cô trẻ chia sẻ kinh nghiệm dạy học với bảng tương tác",
        "Chi đoàn Cán bộ – Giáo viên tổ chức buổi sinh hoạt chuyên môn về dùng bảng tương tác "
        "và học liệu số.",
        [
            "Các thầy cô giới thiệu cách chuẩn bị bài giảng điện tử ngắn gọn, dễ dùng lại.",
            "Sinh viên năm cuối được mời dự để chuẩn bị cho đợt thực tập sư phạm.",
        ],
        ["chuyển đổi số", "dạy học"],
        "",
    ),
    (
        0,
        "news",
        "K20-MNB",
        10,
        "qua-am-cho-tre-mam-non",
        "Áo ấm cho trẻ mầm non vùng cao",
        "Chi đoàn K20 Mầm non B quyên góp được 120 chiếc áo ấm và 50 đôi tất cho trẻ một "
        "trường mầm non xã biên giới.",
        [
            "Mỗi chiếc áo được giặt sạch, gấp gọn và gói kèm một tấm thiệp vẽ tay.",
            "Các bạn mong những món quà nhỏ giúp các em đến lớp đều đặn trong những ngày rét đậm.",
        ],
        ["tình nguyện", "mùa đông ấm"],
        "Lò Thị Mai",
    ),
    (
        0,
        "news",
        "K20-TIN",
        13,
        "van-ban-dien-tu-thay-giay",
        "Chi đoàn Tin học dùng văn bản điện tử thay cho giấy",
        "Từ học kỳ này, mọi kế hoạch và báo cáo của chi đoàn được soạn, duyệt và lưu trên môi "
        "trường điện tử.",
        [
            "Bí thư chi đoàn cho biết việc tìm lại văn bản cũ nay chỉ mất vài giây.",
            "Chi đoàn sẵn sàng hướng dẫn các chi đoàn bạn cách tổ chức thư mục dùng chung.",
        ],
        ["chuyển đổi số"],
        "Giàng A Páo",
    ),
    (
        0,
        "news",
        "K20-MNA",
        20,
        "buoi-sang-an-toan-giao-thong",
        "Buổi sáng đội mũ bảo hiểm cùng các em nhỏ",
        "Đoàn viên Chi đoàn K20 Mầm non A hướng dẫn phụ huynh và các em nhỏ đội mũ bảo hiểm "
        "đúng cách trước cổng trường.",
        [
            "Các bạn chuẩn bị bài hát ngắn để các em vừa hát vừa cài quai mũ.",
            "Hoạt động sẽ được duy trì vào sáng thứ Hai đầu tháng.",
        ],
        ["an toàn giao thông"],
        "",
    ),
    (
        0,
        "news",
        "LCD2",
        35,
        "ngay-hoi-viec-lam",
        "Ngày hội việc làm dành cho sinh viên năm cuối",
        "Liên chi đoàn II mời các trường phổ thông và trung tâm giáo dục đến giới thiệu vị trí "
        "tuyển dụng cho sinh viên sắp tốt nghiệp.",
        [
            "Sinh viên được góp ý hồ sơ xin việc và luyện phỏng vấn thử.",
            "Nhiều bạn đã có hẹn thực tập ngay sau ngày hội.",
        ],
        ["việc làm"],
        "Lường Thị Hoa",
    ),
    (
        0,
        "news",
        "K21-TH",
        50,
        "lop-hoc-ky-nang-so",
        "Lớp kỹ năng số cho đoàn viên năm nhất",
        "Bốn buổi học về bảo mật tài khoản, tìm kiếm thông tin và soạn thảo văn bản giúp đoàn "
        "viên năm nhất tự tin hơn.",
        [
            "Mỗi buổi kết thúc bằng một bài tập nhỏ làm ngay trên điện thoại.",
            "Lớp học do các anh chị năm ba Sư phạm Tin học phụ trách.",
        ],
        ["chuyển đổi số", "kỹ năng"],
        "",
    ),
    (
        0,
        "story",
        "K20-MNA",
        1,
        "co-giao-tre-va-lop-hoc-ban-xa",
        "Cô giáo trẻ và lớp học ở bản xa",
        "Tốt nghiệp chưa lâu, một cựu đoàn viên K20 Mầm non chọn về dạy ở điểm trường cách "
        "trung tâm xã hơn 20 cây số.",
        [
            "Những ngày đầu, cô phải học thêm tiếng dân tộc để trò chuyện với phụ huynh.",
            "Giờ đây lớp học nhỏ của cô có góc đọc sách, góc trò chơi và luôn rộn tiếng cười.",
        ],
        ["gương sáng", "giáo viên trẻ"],
        "Lò Thị Mai",
    ),
    (
        0,
        "story",
        "K20-TIN",
        9,
        "chang-trai-sua-may-tinh-mien-phi",
        "Chàng trai sửa máy tính miễn phí cho bạn cùng trường",
        "Suốt hai năm, một đoàn viên Sư phạm Tin học dành tối thứ Sáu để sửa máy tính, điện "
        "thoại cho bạn bè mà không nhận tiền công.",
        [
            "Bạn nói mỗi chiếc máy chạy lại là một bạn có thể tiếp tục học bài đúng hạn.",
            "Câu chuyện của bạn đã truyền cảm hứng để chi đoàn lập tổ kỹ thuật tình nguyện.",
        ],
        ["gương sáng", "tình nguyện"],
        "Giàng A Páo",
    ),
    (
        0,
        "story",
        "K21-VAN",
        16,
        "nguoi-giu-lua-cau-lac-bo-doc-sach",
        "Người giữ lửa câu lạc bộ đọc sách",
        "Một nữ sinh Ngữ văn duy trì câu lạc bộ đọc sách của khoa suốt ba năm, từ năm thành "
        "viên lên hơn năm mươi.",
        [
            "Mỗi tháng câu lạc bộ chọn một cuốn sách và mời thầy cô cùng trò chuyện.",
            "Bạn tin rằng thói quen đọc sẽ đi theo các giáo viên tương lai vào từng lớp học.",
        ],
        ["gương sáng", "sách"],
        "",
    ),
    (
        0,
        "story",
        "CB-GV",
        30,
        "thay-giao-tre-va-giai-thuong-sang-kien",
        "Thầy giáo trẻ với sáng kiến học liệu số",
        "Sáng kiến số hóa học liệu thực hành của một giảng viên trẻ được Chi đoàn Cán bộ – "
        "Giáo viên nhân rộng trong toàn trường.",
        [
            "Học liệu gồm các video ngắn, phiếu bài tập và câu hỏi tự kiểm tra.",
            "Sinh viên có thể ôn lại bài bất cứ lúc nào, kể cả khi đi thực tập xa trường.",
        ],
        ["gương sáng", "chuyển đổi số"],
        "",
    ),
    (
        1,
        "news",
        "K20-TIN",
        5,
        "ung-dung-diem-danh-bang-ma-qr",
        "Ứng dụng điểm danh bằng mã QR của sinh viên Tin học",
        "Nhóm sinh viên K20 Sư phạm Tin học viết ứng dụng điểm danh sinh hoạt chi đoàn bằng mã "
        "QR, đang được thử ở ba chi đoàn.",
        [
            "Bí thư chỉ cần chiếu mã QR, đoàn viên quét bằng điện thoại là xong.",
            "Nhóm đang hoàn thiện phần xuất báo cáo để gửi Liên chi đoàn hằng tháng.",
        ],
        ["ý tưởng", "chuyển đổi số"],
        "Giàng A Páo",
    ),
    (
        1,
        "story",
        "K20-MNB",
        25,
        "do-choi-tu-vat-lieu-tai-che",
        "Đồ chơi mầm non từ vật liệu tái chế",
        "Ý tưởng làm đồ chơi học tập từ chai nhựa, bìa các-tông của Chi đoàn K20 Mầm non B "
        "đoạt giải trong cuộc thi ý tưởng sáng tạo cấp trường.",
        [
            "Mỗi bộ đồ chơi đi kèm hướng dẫn để giáo viên mầm non tự làm.",
            "Nhóm dự định mở lớp hướng dẫn miễn phí tại hai trường mầm non thực hành.",
        ],
        ["ý tưởng", "tái chế"],
        "",
    ),
    (
        1,
        "news",
        "LCD2",
        42,
        "cuoc-thi-y-tuong-khoi-nghiep",
        "Phát động cuộc thi Ý tưởng khởi nghiệp sinh viên",
        "Liên chi đoàn II phát động cuộc thi ý tưởng khởi nghiệp với ba lĩnh vực: giáo dục, "
        "nông nghiệp bản địa và du lịch cộng đồng.",
        [
            "Các đội gửi ý tưởng trên một trang giấy, ban giám khảo chọn mười đội vào vòng thuyết "
            "trình.",
            "Đội thắng cuộc được giới thiệu tham gia vòng thi cấp tỉnh.",
        ],
        ["ý tưởng", "khởi nghiệp"],
        "Lường Thị Hoa",
    ),
    (
        1,
        "news",
        "K21-ANH",
        70,
        "tour-du-lich-bang-tieng-anh",
        "Sinh viên tiếng Anh thiết kế tour giới thiệu di tích bằng tiếng Anh",
        "Nhóm sinh viên K21 Sư phạm Tiếng Anh xây dựng bài thuyết minh song ngữ về các di tích "
        "lịch sử của tỉnh.",
        [
            "Bài thuyết minh được ghi âm, gắn mã QR để khách tham quan tự nghe trên điện thoại.",
            "Nhóm mong sản phẩm giúp bạn bè quốc tế hiểu thêm về lịch sử Điện Biên.",
        ],
        ["khởi nghiệp", "du lịch"],
        "",
    ),
    (
        2,
        "news",
        "DT",
        7,
        "hoc-tap-tam-guong-dao-duc",
        "Đoàn trường tổ chức sinh hoạt chuyên đề học tập và làm theo lời Bác",
        "Buổi sinh hoạt chuyên đề giúp đoàn viên liên hệ lời dạy của Bác với việc học tập và "
        "rèn luyện hằng ngày.",
        [
            "Mỗi chi đoàn đăng ký một việc làm cụ thể và báo cáo kết quả vào cuối học kỳ.",
            "Những việc làm tiêu biểu sẽ được giới thiệu trên trang thông tin của Đoàn trường.",
        ],
        ["làm theo lời Bác"],
        "Đàm Mai Thương",
    ),
    (
        2,
        "story",
        "K21-TH",
        28,
        "tiet-kiem-de-giup-ban",
        "Tiết kiệm mỗi tuần để giúp bạn khó khăn",
        "Đoàn viên Chi đoàn K21 Giáo dục Tiểu học góp mỗi tuần một khoản nhỏ để hỗ trợ bạn "
        "cùng lớp có hoàn cảnh khó khăn.",
        [
            "Quỹ được ghi chép công khai và báo cáo trong mỗi buổi sinh hoạt chi đoàn.",
            "Các bạn nói đây là cách học Bác đức tính cần, kiệm, thương người.",
        ],
        ["làm theo lời Bác", "tương thân tương ái"],
        "",
    ),
    (
        2,
        "news",
        "LCD1",
        60,
        "hanh-trinh-ve-nguon",
        "Hành trình về nguồn của Liên chi đoàn I",
        "Đoàn viên Liên chi đoàn I dâng hương tại nghĩa trang liệt sĩ và tìm hiểu về chiến "
        "dịch Điện Biên Phủ.",
        [
            "Các bạn được nghe kể về những người lính năm xưa và chăm sóc phần mộ liệt sĩ.",
            "Sau chuyến đi, mỗi chi đoàn viết một bài thu hoạch ngắn.",
        ],
        ["làm theo lời Bác", "về nguồn"],
        "Cà Văn Hùng",
    ),
    (
        3,
        "news",
        "DT",
        12,
        "nhan-dien-tin-gia",
        "Nhận diện tin giả trên mạng xã hội",
        "Buổi tập huấn giúp cán bộ đoàn nhận biết tin giả, tin xuyên tạc và cách phản bác bằng "
        "thông tin chính thống.",
        [
            "Báo cáo viên hướng dẫn kiểm tra nguồn tin, ngày đăng và hình ảnh trước khi chia sẻ.",
            "Mỗi chi đoàn cử hai đoàn viên làm nòng cốt trên không gian mạng.",
        ],
        ["không gian mạng", "tin giả"],
        "Đàm Mai Thương",
    ),
    (
        3,
        "story",
        "K21-VAN",
        40,
        "ngoi-but-tre-lan-toa-dieu-tot",
        "Ngòi bút trẻ lan tỏa điều tốt",
        "Một đoàn viên Ngữ văn đều đặn viết bài về người tốt việc tốt, góp phần lan tỏa thông "
        "tin tích cực trên mạng xã hội.",
        [
            "Bạn dành thời gian kiểm chứng từng chi tiết trước khi đăng.",
            "Nhiều bài viết của bạn được Fanpage Đoàn trường chia sẻ lại.",
        ],
        ["không gian mạng", "gương sáng"],
        "",
    ),
    (
        3,
        "news",
        "LCD2",
        75,
        "cuoc-thi-tim-hieu-nghi-quyet",
        "Cuộc thi trực tuyến tìm hiểu nghị quyết của Đảng",
        "Liên chi đoàn II tổ chức cuộc thi trắc nghiệm trực tuyến, thu hút hơn 400 lượt đoàn "
        "viên tham gia.",
        [
            "Câu hỏi xoay quanh những nội dung cốt lõi, gần gũi với sinh viên sư phạm.",
            "Mười bạn có kết quả cao nhất được khen thưởng trong buổi chào cờ đầu tháng.",
        ],
        ["nghị quyết", "không gian mạng"],
        "Lường Thị Hoa",
    ),
]

# English versions of a few articles (slug → title, lead, paragraph).
TRANSLATIONS = {
    "chu-nhat-xanh-khu-ky-tuc-xa": (
        "A green Sunday at the dormitory",
        "On Sunday morning, 40 members of the K20 Preschool A chapter cleaned the paths and "
        "planted two new flower beds in front of the dormitory.",
        "Each room now looks after one flower bed.",
    ),
    "ho-tro-nhap-du-lieu-ung-dung-thanh-nien": (
        "IT students help friends update the Vietnam Youth app",
        "The K20 IT Education chapter staffed the library for three evenings to help members "
        "of every faculty install and update the app.",
        "Their help counted towards the school's 658 member records entered in the app.",
    ),
    "co-giao-tre-va-lop-hoc-ban-xa": (
        "A young teacher and her village classroom",
        "A recent graduate chose to teach at a school more than 20 km from the commune centre.",
        "Her small class now has a reading corner, a play corner and plenty of laughter.",
    ),
}
COLUMN_TITLES_EN = {
    "mot-ngay-mot-tin-tot": "Good news every day, a fine story every week",
    "sang-tao-khoi-nghiep": "Creativity and start-ups",
    "hoc-tap-va-lam-theo-loi-bac": "Following Uncle Ho's example",
    "bao-ve-nen-tang-tu-tuong-cua-dang": "Defending the Party's ideological foundation",
}

# (article slug, name, text, approved)
COMMENTS = [
    (
        "chu-nhat-xanh-khu-ky-tuc-xa",
        "Quàng Văn Nam",
        "Ký túc xá sạch đẹp hẳn, cảm ơn các bạn!",
        True,
    ),
    ("chu-nhat-xanh-khu-ky-tuc-xa", "Lò Thị Hương", "Tuần sau phòng mình xin tham gia cùng.", True),
    ("chu-nhat-xanh-khu-ky-tuc-xa", "Khách", "Nên làm hằng tháng ạ.", False),
    (
        "ho-tro-nhap-du-lieu-ung-dung-thanh-nien",
        "Vì Văn Tú",
        "Nhờ các bạn mà mình cập nhật xong trong 5 phút.",
        True,
    ),
    (
        "co-giao-tre-va-lop-hoc-ban-xa",
        "Cà Thị Lan",
        "Câu chuyện rất xúc động, chúc cô luôn vững vàng.",
        True,
    ),
    ("co-giao-tre-va-lop-hoc-ban-xa", "Phụ huynh", "Mong có thêm nhiều thầy cô như vậy.", False),
    (
        "ung-dung-diem-danh-bang-ma-qr",
        "Tòng Văn Hải",
        "Chi đoàn mình có dùng thử được không ạ?",
        False,
    ),
]

# The tags' names on the English pages (Thẻ bài viết in the admin).
TAG_NAMES_EN = {
    "an toàn giao thông": "road safety",
    "chuyển đổi số": "digital transformation",
    "du lịch": "tourism",
    "dạy học": "teaching",
    "giáo viên trẻ": "young teachers",
    "gương sáng": "role models",
    "hiến máu": "blood donation",
    "học tập": "studying",
    "không gian mạng": "cyberspace",
    "khởi nghiệp": "start-ups",
    "kỹ năng": "skills",
    "làm theo lời Bác": "following Uncle Hồ's teachings",
    "môi trường": "environment",
    "mùa đông ấm": "warm winter",
    "nghị quyết": "resolutions",
    "ngoại ngữ": "foreign languages",
    "sách": "books",
    "thơ": "poetry",
    "tin giả": "fake news",
    "tái chế": "recycling",
    "tình nguyện": "volunteering",
    "tương thân tương ái": "mutual help",
    "việc làm": "jobs",
    "văn hóa": "culture",
    "về nguồn": "returning to the roots",
    "ý tưởng": "ideas",
    "ứng dụng Thanh niên Việt Nam": "Thanh niên Việt Nam app",
}
