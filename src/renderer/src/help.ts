/** A short help per screen, in plain Vietnamese: what the screen is for, what to do next. Keyed by the screen's title. */
export interface ScreenHelp {
  what: string;
  next: string[];
}

export const HELP: Record<string, ScreenHelp> = {
  'Tổng quan': {
    what: 'Tình hình kỳ báo cáo đang chọn: bao nhiêu đơn vị đã nộp, đúng hạn hay trễ, báo cáo nào cần bổ sung, các chỉ tiêu Chiến lược so với mục tiêu.',
    next: [
      'Bấm tên đơn vị chưa nộp để xem người liên hệ, hoặc “Soạn văn bản đôn đốc”.',
      'Có tệp mới gửi về: vào “Nhập báo cáo”.',
    ],
  },
  'Đơn vị': {
    what: 'Danh sách các đơn vị thành viên phải báo cáo: tên, loại, người liên hệ, hiệu lực.',
    next: [
      'Lần đầu: “Nhập danh sách từ Excel” hoặc “Thêm đơn vị”.',
      'Khi đơn vị sáp nhập, chia tách: dùng “Sáp nhập, chia tách” để số liệu các kỳ trước vẫn so sánh được.',
    ],
  },
  'Thông tin đơn vị': {
    what: 'Thông tin một đơn vị và các lần đơn vị đã nộp báo cáo qua các kỳ.',
    next: ['Bấm một lần nộp để xem số liệu; sửa thông tin liên hệ ở danh sách đơn vị.'],
  },
  'Kỳ báo cáo': {
    what: 'Các kỳ báo cáo (6 tháng, năm, đột xuất): khoảng số liệu, hạn nộp, mẫu biểu và đơn vị phải báo cáo.',
    next: [
      'Tạo kỳ mới, rồi ở thẻ “Mẫu biểu gửi đơn vị” lưu các tệp Excel để gửi đơn vị.',
      'Khi đã đủ báo cáo và gửi Bộ xong: “Khóa sổ” để số liệu không bị sửa nhầm.',
    ],
  },
  'Nhập báo cáo': {
    what: 'Nhận các tệp Excel đơn vị gửi về: ứng dụng nhận ra đơn vị, kiểm tra số liệu và chỉ ghi nhận tệp hợp lệ.',
    next: [
      'Kéo thả một hoặc nhiều tệp (hoặc cả thư mục) vào ô nhập.',
      'Tệp bị từ chối: đọc lý do và nhờ đơn vị sửa rồi gửi lại.',
    ],
  },
  'Hồ sơ đã nhận': {
    what: 'Mọi tệp và báo cáo giấy đơn vị gửi về trong kỳ, kể cả tệp bị từ chối hay chưa rõ đơn vị: ngày nhận, kết quả, lý do, bản gốc.',
    next: [
      'Tệp chưa rõ đơn vị: “Giao cho đơn vị…” để kiểm tra lại như báo cáo của đơn vị đó.',
      'Tệp bị từ chối: “Phiếu phản hồi” để in, tải .docx hoặc sao chép nội dung gửi đơn vị qua Zalo, thư điện tử.',
      'Nhận nhầm: “Rút lại” (ghi lý do); ghi sai ngày: “Sửa ngày nhận”.',
    ],
  },
  'Nhập báo cáo giấy': {
    what: 'Gõ số liệu từ bản giấy hoặc bản scan đơn vị gửi, theo đúng mẫu biểu của đơn vị; số liệu được kiểm tra ngay khi gõ.',
    next: [
      'Chọn đơn vị, ngày nhận, hình thức; đính kèm bản scan (PDF, JPG, PNG) nếu có.',
      'Tab hoặc Enter để sang ô tiếp theo; số ghi kiểu 1.234 hoặc 12,5; không áp dụng thì ghi KAD; Có/Không chọn bằng phím mũi tên hoặc C, K.',
      'Bấm “Lưu báo cáo”: báo cáo có trong “Hồ sơ đã nhận” và đơn vị được tính là đã nộp.',
    ],
  },
  'Báo cáo đơn vị': {
    what: 'Một báo cáo đơn vị đã nộp: số liệu theo mẫu, cảnh báo khi kiểm tra, các lần nộp và nhật ký thay đổi.',
    next: [
      'Số liệu sai: bấm vào số để sửa (phải ghi lý do).',
      'Thiếu nội dung: “Cần bổ sung” và ghi rõ cần bổ sung gì; đủ rồi thì “Duyệt”.',
    ],
  },
  'Tổng hợp': {
    what: 'Số liệu cộng lại của toàn tỉnh từ lần nộp mới nhất của mỗi đơn vị; tỷ lệ được tính lại từ tổng.',
    next: ['Bấm một số để xem từng đơn vị đóng góp bao nhiêu.', 'Xem thẻ “Chỉ tiêu” để so với mục tiêu.'],
  },
  'Kế hoạch năm': {
    what: 'Các nhiệm vụ của Kế hoạch năm giao cho đơn vị chủ trì, phối hợp; mỗi đơn vị báo cáo kết quả từng nhiệm vụ trong mẫu biểu của kỳ.',
    next: [
      'Nhập kế hoạch từ Excel (STT, Nội dung nhiệm vụ, Đơn vị chủ trì, Đơn vị phối hợp, Thời hạn, Sản phẩm) hoặc sao chép từ năm trước.',
      'Chọn đơn vị cho các tên còn màu cam, rồi xuất mẫu biểu: mỗi đơn vị có phần “Kết quả thực hiện nhiệm vụ được giao”.',
      'Sau khi nhập báo cáo: xem thẻ “Kết quả thực hiện” theo từng nhiệm vụ và từng đơn vị.',
    ],
  },
  'Xuất báo cáo': {
    what: 'Lập báo cáo gửi Bộ (tệp Excel), bản in có chữ ký và văn bản đôn đốc đơn vị chậm nộp.',
    next: [
      'Xem khung “Trước khi gửi” ở đầu trang: đơn vị chưa nộp, tệp bị trả lại, tệp chưa rõ đơn vị, báo cáo cần bổ sung (mỗi mục có đường dẫn tới chỗ xử lý).',
      'Ghi “Số văn bản”, rồi tải báo cáo Excel hoặc xem bản in để in, ký.',
    ],
  },
  'Danh mục chỉ tiêu': {
    what: 'Các chỉ tiêu đơn vị báo cáo, các chỉ tiêu tính toán và quy tắc kiểm tra số liệu.',
    next: ['Tỉnh có chỉ tiêu riêng: “Thêm chỉ tiêu”; đặt mục tiêu riêng của tỉnh ở thẻ “Chỉ tiêu tính toán”.'],
  },
  'Mẫu biểu của tỉnh': {
    what: 'Các mẫu biểu Excel không do ứng dụng tạo (mẫu tỉnh đang dùng, tệp các năm trước, phụ lục của Bộ), đã ghép từng dòng với chỉ tiêu.',
    next: [
      '“Thêm mẫu biểu”: chọn một bản trắng hoặc đã điền; xem lại từng dòng (xác nhận, đổi, bỏ ghép) rồi lưu dưới một tên.',
      'Nhập tệp theo mẫu này: ở “Nhập báo cáo”, chọn mẫu ở ô “Đọc theo mẫu biểu”.',
    ],
  },
  'Cài đặt': {
    what: 'Thông tin cơ quan in trên văn bản, người ký, nơi nhận, sao lưu dữ liệu.',
    next: ['Sao lưu thường xuyên ra ổ USB; “Thông tin kỹ thuật” chỉ cần khi được hỗ trợ.'],
  },
};
