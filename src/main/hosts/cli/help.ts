export const HELP = `bdg — Báo cáo BĐG bằng dòng lệnh

Cách dùng:  npm run --silent bdg -- <lệnh> [tùy chọn]

Các lệnh:
  init        --db F [--province "Tỉnh X"]             Tạo (hoặc mở) cơ sở dữ liệu với danh mục chỉ tiêu
  units list  --db F [--json]                          Liệt kê đơn vị
  units import --db F DANH_SACH.xlsx [--json]          Nhập danh sách đơn vị từ Excel
       [--columns name=B,kind=D,contact=E,...] [--dry-run]  (chỉ rõ cột nào là gì; chỉ xem trước)
  units export --db F --out DANH_SACH.xlsx [--json]    Xuất danh sách đơn vị ra Excel
  catalog     --db F [--json]                          Danh mục chỉ tiêu
  period create --db F --year YYYY --kind half_year|year|adhoc [--deadline YYYY-MM-DD] [--json]
                                                       Tạo kỳ báo cáo (6 tháng, năm, đột xuất)
  period list --db F [--json]                          Liệt kê kỳ báo cáo
  template export --db F --period ID --out THU_MUC [--unit MA] [--json]
                                                       Xuất mẫu biểu Excel cho các đơn vị
  import      --db F --period ID [--received-at YYYY-MM-DD [--received-reason "…"]] [--allow-blanking]
              TỆP_HOẶC_THƯ_MỤC... [--json]
                                                       Nhập báo cáo đơn vị gửi về
  import      … --unit MA TỆP                          Kiểm tra TỆP như báo cáo của đơn vị MA (tệp chưa rõ đơn vị)
  import      … --layout ID TỆP_HOẶC_THƯ_MỤC...        Nhập tệp theo mẫu biểu riêng của tỉnh đã lưu (mẫu số ID)
  layout suggest --db F TỆP.xlsx [--json]             Gợi ý mẫu biểu ngoài: bảng, cột, mã chỉ tiêu cho từng dòng
  layout save --db F --name "…" --from MAU.json [--id N] [--json]
                                                       Lưu mẫu biểu ngoài (MAU.json: kết quả của layout suggest)
  layout list --db F [--json]                          Liệt kê mẫu biểu ngoài đã lưu
  inbox       --db F --period ID [--json]              Hộp thư đến: mọi tệp và báo cáo giấy đã nhận, kể cả bị từ chối
  submission enter --db F --period ID --unit MA --values SO_LIEU.json [--scan TỆP.pdf|jpg|png]
              [--received-at YYYY-MM-DD] [--channel paper|scan] [--json]
                                                       Nhập báo cáo giấy / bản scan (kiểm tra như khi nhập tệp)
  submission withdraw --db F --period ID --unit MA --reason "…" [--json]
                                                       Rút lần gửi đang có hiệu lực (lần trước có hiệu lực lại)
  submission set-received --db F --id N --received-at YYYY-MM-DD --reason "…" [--json]
                                                       Sửa ngày nhận của một lần gửi (ghi vào nhật ký)
  status      --db F --period ID [--json]              Tình hình gửi báo cáo (đúng hạn, muộn, chưa gửi)
  consolidate --db F --period ID [--json]              Tổng hợp số liệu và chỉ tiêu
  export      --db F --period ID --out TEP.xlsx [--include-sensitive] [--doc-number SO]
                                                       Xuất báo cáo gửi Bộ Nội vụ
  export      --db F --period ID --into PHU_LUC.xlsx --layout ID --out TEP.xlsx [--json]
                                                       Điền số liệu của tỉnh vào bản sao phụ lục của Bộ
                                                       (mẫu phụ lục: layout suggest|save … --appendix)
  report docx --db F --period ID --out TEP.docx [--doc-number SO] [--include-sensitive]
                                                       Dự thảo báo cáo (Word) viết từ số liệu
  reminder    --db F --period ID --out TEP.docx|TEP.html [--doc-number SO] [--new-deadline YYYY-MM-DD]
                                                       Văn bản đôn đốc đơn vị chưa gửi, cần gửi lại
  feedback    --db F --entry ID --out TEP.docx|TEP.html
                                                       Phiếu phản hồi cho đơn vị có tệp bị từ chối
  serve       [--db F] [--port N] [--demo] [--no-open] Mở giao diện trong trình duyệt (chỉ trên máy này)
  backup      --db F [--out TEP]                       Sao lưu cơ sở dữ liệu
  restore     --db F --from TEP [--force]              Khôi phục từ bản sao lưu (giữ lại bản hiện tại);
                                                       --force: đã xác nhận khôi phục bản của tỉnh/CSDL khác
  check       --db F [--json]                          Kiểm tra toàn vẹn cơ sở dữ liệu
  plan import --db F --year YYYY KE_HOACH.xlsx [--dry-run] [--json]
                                                       Nhập Kế hoạch năm (nhiệm vụ, đơn vị chủ trì, phối hợp)
  plan list   --db F --year YYYY [--json]              Liệt kê nhiệm vụ của Kế hoạch năm

Tùy chọn chung:
  --db F      Tệp cơ sở dữ liệu (mặc định: thư mục dữ liệu của người dùng)
  --json      In đúng một đối tượng JSON ra stdout; thông báo tiếng Việt ra stderr
  -h, --help  Xem hướng dẫn

Mã thoát: 0 khi lệnh chạy xong (kể cả khi có tệp bị từ chối), 2 khi sai cách dùng, 1 khi không chạy được.
`;

const DETAIL: Record<string, string> = {
  import:
    'bdg import --db F --period ID [--received-at YYYY-MM-DD [--received-reason "…"]] [--allow-blanking]\n' +
    '           TỆP_HOẶC_THƯ_MỤC...\n' +
    '  Nhập từng tệp .xlsx/.xlsm/.xls (thư mục: mọi tệp Excel bên trong). Mỗi tệp được kiểm tra đầy đủ; tệp có lỗi\n' +
    '  không ghi gì vào cơ sở dữ liệu. Trước mỗi lần nhập, ứng dụng tự sao lưu.\n' +
    '  Hai tệp của cùng một đơn vị trong một lần nhập: không nhập tệp nào (trạng thái "duplicate"); tệp không rõ\n' +
    '  đơn vị: "unidentified". Bản gửi mới để trống ô mà bản trước có số liệu bị từ chối (BLANKING), trừ khi có\n' +
    '  --allow-blanking (đã xác nhận với đơn vị).\n' +
    '  --received-at: ngày nhận (mặc định hôm nay). Ngày trong tương lai, hoặc trước ngày bắt đầu khoảng số liệu\n' +
    '  của kỳ, bị từ chối trừ khi có --received-reason "lý do" (ghi vào nhật ký). Báo cáo muộn thì không cần.\n',
  report:
    'bdg report docx --db F --period ID --out TEP.docx [--doc-number SO] [--include-sensitive]\n' +
    '  Dự thảo báo cáo gửi Bộ Nội vụ (Word, theo Nghị định 30/2020): Phần I–V viết từ số liệu, mỗi số liệu ghi số đơn\n' +
    '  vị đã báo cáo; các phụ lục là bảng. Số văn bản dưới 10 được ghi thêm số 0 (05).\n',
  reminder:
    'bdg reminder --db F --period ID --out TEP.docx|TEP.html [--doc-number SO] [--new-deadline YYYY-MM-DD]\n' +
    '  Văn bản đôn đốc các đơn vị chưa gửi và cần gửi lại báo cáo. --json in thêm địa chỉ thư điện tử của các đơn vị\n' +
    '  và tin nhắn ngắn để dán vào Zalo.\n',
  feedback:
    'bdg feedback --db F --entry ID --out TEP.docx|TEP.html\n' +
    '  Phiếu phản hồi cho đơn vị có tệp bị từ chối (mục ID của hộp thư nhận báo cáo): tệp nào, nhận ngày nào, sai gì,\n' +
    '  cần làm gì. --json in thêm tin nhắn ngắn cho Zalo/thư điện tử.\n',
  submission:
    'bdg submission enter --db F --period ID --unit MA --values SO_LIEU.json [--scan TỆP] [--received-at D]\n' +
    '                     [--channel paper|scan] [--allow-blanking]\n' +
    '  SO_LIEU.json: {"MÃ_SỐ": {"total": n, "female": n, "male": n, "value": n | "Có" | "Không" | "văn bản" | null}}\n' +
    '  Số theo cách ghi Việt Nam ("1.234,5") hoặc số JSON; "không áp dụng" (KAD) nếu chỉ tiêu không áp dụng. Số liệu\n' +
    '  được kiểm tra như khi nhập tệp Excel; bản scan (PDF, JPG, PNG, tối đa 20 MB) được lưu làm bản gốc.\n' +
    'bdg submission withdraw --db F --period ID --unit MA --reason "…"\n' +
    '  Rút lần gửi đang có hiệu lực; lần gửi trước đó có hiệu lực trở lại, hoặc đơn vị trở lại "chưa nộp".\n' +
    'bdg submission set-received --db F --id N --received-at YYYY-MM-DD --reason "…"\n' +
    '  Sửa ngày nhận của lần gửi số N; việc đúng hạn hay muộn tính lại theo ngày mới.\n',
  inbox:
    'bdg inbox --db F --period ID [--json]\n' +
    '  Mọi tệp và báo cáo giấy của kỳ, mới nhất trước: trạng thái (accepted, unchanged, rejected, unidentified,\n' +
    '  duplicate, withdrawn), đơn vị, ngày nhận, kênh (file, paper, scan), lý do từ chối.\n',
  layout:
    'bdg layout suggest --db F TỆP.xlsx [--json]\n' +
    '  Đọc một biểu Excel riêng của tỉnh (không phải mẫu của ứng dụng): tìm bảng (dòng tiêu đề, kể cả hai dòng như\n' +
    '  "Số liệu" trên "Tổng số | Trong đó: Nữ"), cột nào là Tổng số / Nữ / Nam / Giá trị, và gợi ý mã chỉ tiêu cho\n' +
    '  từng dòng kèm độ tin cậy (0..1); dòng không khớp chắc chắn để trống (code null), không đoán.\n' +
    'bdg layout save --db F --name "Tên" --from MAU.json [--id N]\n' +
    '  Lưu mẫu (MAU.json: kết quả của suggest --json, đã sửa hoặc bỏ mã từng dòng nếu cần); --id N: thay mẫu số N.\n' +
    'bdg layout list --db F [--json]\n' +
    '  Nhập tệp theo mẫu: bdg import --db F --period ID --layout N TỆP_HOẶC_THƯ_MỤC... (kiểm tra như mẫu của ứng dụng;\n' +
    '  tệp bị xóa một dòng đã gán bị từ chối, nêu tên dòng).\n',
  serve:
    'bdg serve [--db F] [--port N] [--demo] [--no-open]\n' +
    '  Chạy máy chủ cục bộ (127.0.0.1) phục vụ giao diện; in ra đường dẫn kèm mã truy cập dùng một lần.\n' +
    '  --demo: mở bản trình diễn với dữ liệu mẫu (không đụng tới cơ sở dữ liệu thật).\n',
};

export function commandHelp(cmd: string): string {
  return DETAIL[cmd] ?? HELP;
}
